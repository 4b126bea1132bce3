package recognition

// ProgrammeFilter selects programmes; zero fields do not filter.
type ProgrammeFilter struct {
	CentreID     int64
	Status       string
	StandardCode string
}

// ApplicationFilter selects applications; zero fields do not filter.
// Applications are listed newest first.
type ApplicationFilter struct {
	CentreID    int64
	CandidateID int64
	State       string
	Limit       int
	Offset      int
}
