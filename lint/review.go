package lint

import (
	"time"

	"github.com/kasip/kasip"
)

// reviewSoon is how far ahead an upcoming review is announced: a quarter is
// about the time a sectoral council needs to schedule an update.
const reviewSoon = 90

// checkReview reports a planned review date that has passed (error) or is
// within reviewSoon days (warning). A standard past its review date may no
// longer reflect the work; recognition against it should be questioned.
func checkReview(st *kasip.Standard, opt Options) []Finding {
	r := newReport(st, "review-overdue", Error)
	t := st.Technical
	o := fieldOrigin(t.ReviewDateText, kasip.Origin{})
	written := ""
	if t.ReviewDateText != nil {
		written = r.text(t.ReviewDateText.Text)
	}
	const path = "technical.review_date"
	switch {
	case t.ReviewDate == "" && !isBlank(written):
		r.add(Warning, path, o, "review.unreadable", kasip.Args{"written": quoteArg(written)})
	case t.ReviewDate != "":
		r.reviewDate(path, o, t.ReviewDate, written, day(opt.Today))
	}
	return r.done()
}

func (r *report) reviewDate(path string, o kasip.Origin, iso, written string, today time.Time) {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		r.add(Warning, path, o, "review.not-iso", kasip.Args{"date": quoteArg(iso)})
		return
	}
	as := codeArg(iso)
	if !isBlank(written) {
		as = msgArg("review.date-as-written", kasip.Args{"date": codeArg(iso), "written": quoteArg(written)})
	}
	days := int(d.Sub(today).Hours() / 24)
	args := kasip.Args{"date": as, "today": codeArg(today.Format(time.DateOnly))}
	switch {
	case days < 0:
		args["days"] = numArg(-days)
		r.add(Error, path, o, "review.passed", args)
	case days == 0:
		r.add(Warning, path, o, "review.today", args)
	case days <= reviewSoon:
		args["days"] = numArg(days)
		r.add(Warning, path, o, "review.soon", args)
	}
}

// day returns t's calendar date at midnight UTC (today when t is zero), so
// that dates compare by day whatever the time zone of t.
func day(t time.Time) time.Time {
	if t.IsZero() {
		t = time.Now()
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
