package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// A doer sends one GET of url for worker w and reads the whole answer.
type doer func(w int, url string) (status int, err error)

// netHTTPDoer sends through net/http's client (what most clients of the
// server use).
func netHTTPDoer(client *http.Client) doer {
	return func(_ int, u string) (int, error) {
		resp, err := client.Get(u)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			return 0, err
		}
		return resp.StatusCode, nil
	}
}

// rawDoer sends over one kept-alive connection per worker, writing the
// request line by hand and reading the status, the headers and
// Content-Length bytes of body. On the benchmark's two cores the load
// generator competes with the server: net/http's client spends much CPU
// on a request (two goroutines and channels per connection, header
// maps), this one a fraction of it, which leaves the cores to the
// server being measured. It understands only what kasip serve answers
// these GETs with (Content-Length, no chunking) and says so otherwise.
func rawDoer(workers int) doer {
	conns := make([]*rawConn, workers)
	return func(w int, u string) (int, error) {
		if conns[w] == nil {
			c, err := dialRaw(u)
			if err != nil {
				return 0, err
			}
			conns[w] = c
		}
		status, err := conns[w].get(u)
		if err != nil {
			conns[w].c.Close()
			conns[w] = nil
		}
		return status, err
	}
}

// rawConn is one kept-alive HTTP/1.1 connection.
type rawConn struct {
	c   net.Conn
	br  *bufio.Reader
	req []byte
}

func dialRaw(u string) (*rawConn, error) {
	p, err := url.Parse(u)
	if err != nil {
		return nil, err
	}
	c, err := net.DialTimeout("tcp", p.Host, 5*time.Second)
	if err != nil {
		return nil, err
	}
	return &rawConn{c: c, br: bufio.NewReaderSize(c, 16<<10)}, nil
}

// get sends GET u and reads its answer.
func (rc *rawConn) get(u string) (int, error) {
	p, err := url.Parse(u)
	if err != nil {
		return 0, err
	}
	rc.req = append(rc.req[:0], "GET "...)
	rc.req = append(rc.req, p.RequestURI()...)
	rc.req = append(rc.req, " HTTP/1.1\r\nHost: "...)
	rc.req = append(rc.req, p.Host...)
	rc.req = append(rc.req, "\r\nUser-Agent: kasip-bench\r\n\r\n"...)
	if err := rc.c.SetDeadline(time.Now().Add(10 * time.Second)); err != nil {
		return 0, err
	}
	if _, err := rc.c.Write(rc.req); err != nil {
		return 0, err
	}
	return rc.readResponse()
}

// readResponse reads a status line, headers and a Content-Length body.
func (rc *rawConn) readResponse() (int, error) {
	line, err := rc.br.ReadSlice('\n')
	if err != nil {
		return 0, err
	}
	// "HTTP/1.1 200 OK\r\n"
	if len(line) < 12 || !strings.HasPrefix(string(line[:5]), "HTTP/") {
		return 0, fmt.Errorf("bad status line %q", line)
	}
	status, err := strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, fmt.Errorf("bad status line %q", line)
	}
	length := -1
	for {
		h, err := rc.br.ReadSlice('\n')
		if err != nil {
			return 0, err
		}
		if len(h) <= 2 { // the blank line ending the headers
			break
		}
		name, value, _ := strings.Cut(string(h), ":")
		switch strings.ToLower(name) {
		case "content-length":
			if length, err = strconv.Atoi(strings.TrimSpace(value)); err != nil {
				return 0, fmt.Errorf("bad Content-Length %q", value)
			}
		case "transfer-encoding":
			return 0, errors.New("chunked answers are not understood by the raw client")
		}
	}
	if length < 0 {
		return 0, errors.New("answer without Content-Length")
	}
	if _, err := rc.br.Discard(length); err != nil {
		return 0, err
	}
	return status, nil
}
