package web

import "github.com/kasip/kasip/web/ui/page"

// UnfoldUI gives s the UI without its constant translations folded into
// the templates, for the test that compares both.
func UnfoldUI(s *Server) error {
	st, err := page.NewUIFolded(false)
	if err != nil {
		return err
	}
	s.ui.UI = st
	return nil
}
