package kasip

// Finalize fills nil lists with empty ones, so that the JSON form always has
// arrays where the schema says so, and stamps the schema version.
func (s *Standard) Finalize() {
	s.Schema = SchemaVersion
	if s.Title == nil {
		s.Title = Text{}
	}
	s.Languages = orEmpty(s.Languages)
	s.Terms = orEmpty(s.Terms)
	s.Abbreviations = orEmpty(s.Abbreviations)
	s.OKED = orEmpty(s.OKED)
	s.CardList = orEmpty(s.CardList)
	s.Cards = orEmpty(s.Cards)
	s.Sources = orEmpty(s.Sources)
	s.Notes = orEmpty(s.Notes)
	s.Unplaced = orEmpty(s.Unplaced)
	s.Technical.Bodies = orEmpty(s.Technical.Bodies)
	for i := range s.Technical.Bodies {
		s.Technical.Bodies[i].Contacts = orEmpty(s.Technical.Bodies[i].Contacts)
	}
	s.Technical.Developers = orEmpty(s.Technical.Developers)
	for i := range s.Technical.Developers {
		d := &s.Technical.Developers[i]
		d.Contacts = orEmpty(d.Contacts)
	}
	if s.Order != nil {
		s.Order.Clauses = orEmpty(s.Order.Clauses)
	}
	for i := range s.Cards {
		s.Cards[i].finalize()
	}
}

func (c *Card) finalize() {
	if c.Title == nil {
		c.Title = Text{}
	}
	c.Codes = orEmpty(c.Codes)
	c.Education = orEmpty(c.Education)
	c.Specialities = orEmpty(c.Specialities)
	c.Experience = orEmpty(c.Experience)
	c.Admission = orEmpty(c.Admission)
	c.AltTitles = orEmpty(c.AltTitles)
	c.Purpose = orEmpty(c.Purpose)
	c.FunctionList = orEmpty(c.FunctionList)
	c.Functions = orEmpty(c.Functions)
	c.Competencies = orEmpty(c.Competencies)
	c.Regulations = orEmpty(c.Regulations)
	c.Related = orEmpty(c.Related)
	c.Other = orEmpty(c.Other)
	c.Classifiers = orEmpty(c.Classifiers)
	for i := range c.Functions {
		f := &c.Functions[i]
		if f.Title == nil {
			f.Title = Text{}
		}
		f.Skills = orEmpty(f.Skills)
		f.Actions = orEmpty(f.Actions)
		f.Abilities = orEmpty(f.Abilities)
		f.Knowledge = orEmpty(f.Knowledge)
		f.Other = orEmpty(f.Other)
		for j := range f.Skills {
			k := &f.Skills[j]
			if k.Title == nil {
				k.Title = Text{}
			}
			k.Abilities = orEmpty(k.Abilities)
			k.Knowledge = orEmpty(k.Knowledge)
		}
	}
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
