package page

import (
	"net/url"
	"strconv"
)

// uiOption is an option of a select.
type UIOption struct {
	Value    string
	Label    string
	Selected bool
}

// uiPager is the pagination of a list.
type UIPager struct {
	Page, Pages int
	Prev, Next  string
	Links       []uiPageLink
}

type uiPageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool // an ellipsis
}

// newPager builds links for page (1-based) of total rows, keeping the
// request's other query parameters.
func NewPager(u *url.URL, page, total, size int) UIPager {
	pages := (total + size - 1) / size
	p := UIPager{Page: page, Pages: pages}
	if pages <= 1 {
		return p
	}
	link := func(n int) string {
		q := u.Query()
		q.Del("lang")
		if n == 1 {
			q.Del("page")
		} else {
			q.Set("page", strconv.Itoa(n))
		}
		if len(q) == 0 {
			return u.EscapedPath()
		}
		return u.EscapedPath() + "?" + q.Encode()
	}
	if page > 1 {
		p.Prev = link(min(page-1, pages))
	}
	if page < pages {
		p.Next = link(page + 1)
	}
	last := 0
	for n := 1; n <= pages; n++ {
		if n == 1 || n == pages || (n >= page-2 && n <= page+2) {
			if last != 0 && n > last+1 {
				p.Links = append(p.Links, uiPageLink{Gap: true})
			}
			p.Links = append(p.Links, uiPageLink{N: n, URL: link(n), Current: n == page})
			last = n
		}
	}
	return p
}
