package session

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/kasip/kasip/web/httpx"
)

// clientKey identifies the client for rate limiting: its IP address (from
// Options.ClientIPHeader behind a trusted proxy), IPv6 addresses by their
// /64 network, since one machine usually has a whole /64 to pick from.
func (s *Server) ClientKey(r *http.Request) string {
	raw := ""
	if h := s.Opt.ClientIPHeader; h != "" {
		v := r.Header.Values(h)
		if len(v) > 0 {
			parts := strings.Split(v[len(v)-1], ",")
			raw = strings.TrimSpace(parts[len(parts)-1])
		}
	}
	if raw == "" {
		raw = r.RemoteAddr
		if host, _, err := net.SplitHostPort(raw); err == nil {
			raw = host
		}
	}
	a, err := netip.ParseAddr(raw)
	if err != nil {
		return "ip:" + httpx.ClipKey(raw, 64)
	}
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.Prefix(64)
		return "ip:" + p.String()
	}
	return "ip:" + a.String()
}
