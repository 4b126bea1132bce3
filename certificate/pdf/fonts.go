package certpdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/kasip/kasip/internal/fonts"
)

// The certificate is set in DejaVu Sans (package fonts says why).
var (
	fontRegular = fonts.Regular
	fontBold    = fonts.Bold
)

// runeSet is a bitmap over the Basic Multilingual Plane.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(r rune)      { s[r>>6] |= 1 << (r & 63) }
func (s *runeSet) has(r rune) bool { return r >= 0 && r < 0x10000 && s[r>>6]&(1<<(r&63)) != 0 }
func (s *runeSet) intersect(o *runeSet) {
	for i := range s {
		s[i] &= o[i]
	}
}

// glyphs is the set of runes both embedded faces can draw. Text is checked
// against it so that a character the font lacks prints as "?" instead of an
// invisible .notdef box, and so fpdf never sees a rune outside the BMP
// (its width tables have exactly 65536 entries and index them unchecked).
var glyphs = sync.OnceValues(func() (*runeSet, error) {
	reg, err := cmapRunes(fontRegular)
	if err != nil {
		return nil, fmt.Errorf("certpdf: DejaVuSans.ttf: %w", err)
	}
	bold, err := cmapRunes(fontBold)
	if err != nil {
		return nil, fmt.Errorf("certpdf: DejaVuSans-Bold.ttf: %w", err)
	}
	reg.intersect(bold)
	return reg, nil
})

var errShort = errors.New("truncated font data")

// cmapRunes reads the Windows Unicode BMP (3,1) format 4 cmap subtable of a
// TrueType font: the runes that map to a real glyph. We parse it ourselves
// because fpdf does not expose its parsed tables and the format is small.
func cmapRunes(ttf []byte) (*runeSet, error) {
	cmap, err := findTable(ttf, "cmap")
	if err != nil {
		return nil, err
	}
	sub, err := findSubtable(cmap, 3, 1)
	if err != nil {
		return nil, err
	}
	return readFormat4(sub)
}

func findTable(ttf []byte, tag string) ([]byte, error) {
	if len(ttf) < 12 {
		return nil, errShort
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, errShort
		}
		if string(ttf[rec:rec+4]) != tag {
			continue
		}
		off := int(binary.BigEndian.Uint32(ttf[rec+8:]))
		size := int(binary.BigEndian.Uint32(ttf[rec+12:]))
		if off < 0 || size < 0 || off+size > len(ttf) {
			return nil, errShort
		}
		return ttf[off : off+size], nil
	}
	return nil, fmt.Errorf("no %q table", tag)
}

func findSubtable(cmap []byte, platform, encoding uint16) ([]byte, error) {
	if len(cmap) < 4 {
		return nil, errShort
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return nil, errShort
		}
		if binary.BigEndian.Uint16(cmap[rec:]) != platform || binary.BigEndian.Uint16(cmap[rec+2:]) != encoding {
			continue
		}
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if off+4 > len(cmap) {
			return nil, errShort
		}
		return cmap[off:], nil
	}
	return nil, fmt.Errorf("no cmap subtable (%d,%d)", platform, encoding)
}

func readFormat4(sub []byte) (*runeSet, error) {
	u16 := func(off int) (int, error) {
		if off < 0 || off+2 > len(sub) {
			return 0, errShort
		}
		return int(binary.BigEndian.Uint16(sub[off:])), nil
	}
	if f, err := u16(0); err != nil || f != 4 {
		return nil, fmt.Errorf("cmap subtable format %d, want 4 (%v)", f, err)
	}
	segX2, err := u16(6)
	if err != nil {
		return nil, err
	}
	ends, starts, deltas, ranges := 14, 16+segX2, 16+2*segX2, 16+3*segX2
	set := new(runeSet)
	for seg := 0; seg < segX2; seg += 2 {
		end, err1 := u16(ends + seg)
		start, err2 := u16(starts + seg)
		delta, err3 := u16(deltas + seg)
		rangeOff, err4 := u16(ranges + seg)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			return nil, err
		}
		for c := start; c <= end && c != 0xFFFF; c++ {
			g := c
			if rangeOff != 0 {
				if g, err = u16(ranges + seg + rangeOff + 2*(c-start)); err != nil {
					return nil, err
				}
				if g == 0 {
					continue
				}
			}
			if (g+delta)&0xFFFF != 0 {
				set.add(rune(c))
			}
		}
	}
	return set, nil
}
