package certpdf

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"codeberg.org/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"
)

// content is a View reduced to printable, font-safe strings.
type content struct {
	number, holder, stdLine, bin, status, url string
	issued, valid, level                      string
	profession, stdTitle, centre, headPos     []string
	headName                                  string
	units                                     []unitText
	whole, demo                               bool
}

type unitText struct {
	path    string
	kind    bi
	hasKind bool
	titles  []string
}

func prepare(v View, have *runeSet) content {
	c := content{
		number:     clean(v.Number, have),
		holder:     clean(v.HolderName, have),
		bin:        clean(v.CentreBIN, have),
		status:     statusText(clean(v.Status, have)),
		url:        clean(v.VerifyURL, have),
		issued:     date(v.IssueDate),
		valid:      date(v.ValidUntil),
		level:      level(v.Level),
		profession: texts(v.Profession, have),
		stdTitle:   texts(v.StandardTitle, have),
		centre:     texts(v.CentreName, have),
		headPos:    texts(v.HeadPosition, have),
		headName:   clean(v.HeadName, have),
		whole:      v.Whole,
		demo:       v.Demo,
	}
	code, ver := clean(v.StandardCode, have), clean(v.StandardVersion, have)
	switch {
	case code != "" && ver != "":
		c.stdLine = code + " · " + lblVersion.String() + " " + ver
	case code != "":
		c.stdLine = code
	case ver != "":
		c.stdLine = lblVersion.String() + " " + ver
	}
	c.units = make([]unitText, len(v.Units))
	for i, u := range v.Units {
		k, ok := kindLabel(u.Kind)
		c.units[i] = unitText{path: clean(u.Path, have), kind: k, hasKind: ok, titles: texts(u.Title, have)}
	}
	return c
}

// Render lays out the certificate and returns the PDF bytes. The same View
// always gives the same bytes: the document dates come from IssueDate and
// fpdf's catalogs are sorted, so nothing depends on the clock or map order.
// Render fails only when VerifyURL is empty or too long for a QR code.
func Render(v View) (out []byte, err error) {
	// fpdf indexes its tables without bounds checks in places; input is
	// sanitised so that should not happen, but a certificate service must
	// answer with an error rather than crash on one odd record.
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("certpdf: rendering certificate %.40q: internal error: %v", v.Number, r)
		}
	}()
	have, err := glyphs()
	if err != nil {
		return nil, err
	}
	if v.VerifyURL == "" {
		return nil, errors.New("certpdf: VerifyURL is empty; a certificate needs a verification link")
	}
	// The QR code carries the raw URL, not the cleaned text, so that it
	// resolves exactly as issued.
	qr, err := qrcode.New(v.VerifyURL, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("certpdf: QR code for %.80q: %w", v.VerifyURL, err)
	}
	c := prepare(v, have)
	d := &doc{pdf: newPDF(c, v.IssueDate), c: c, qr: qr.Bitmap()}
	d.layout()
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("certpdf: writing PDF for certificate %.40q: %w", c.number, err)
	}
	return buf.Bytes(), nil
}

// fixedStamp dates documents without an issue date; any constant will do,
// it only has to keep the output reproducible.
var fixedStamp = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func newPDF(c content, issued time.Time) *fpdf.Fpdf {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	pdf.SetMargins(left, top, pageW-right)
	// Rows are paginated by hand so that a unit never splits across pages.
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0)
	// The alias must be set before the fonts are added: fpdf sizes the
	// font subset differently when page-count aliases are in use.
	pdf.AliasNbPages(nbAlias)
	pdf.AddUTF8FontFromBytes(family, "", fontRegular)
	pdf.AddUTF8FontFromBytes(family, "B", fontBold)
	// PDF dates have four-digit years; anything else falls back too.
	stamp := issued
	if stamp.Year() < 1900 || stamp.Year() > 9999 {
		stamp = fixedStamp
	}
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetCatalogSort(true)
	pdf.SetTitle("Сертификат № "+c.number, true)
	pdf.SetSubject(titleKK+" / "+titleRU, true)
	if len(c.centre) > 0 {
		pdf.SetAuthor(c.centre[0], true)
	}
	pdf.SetCreator("Kasip", false)
	pdf.SetLang("kk")
	return pdf
}

// layout draws every page: page 1 carries the header, the fields, the
// footer with the QR code and as many units as fit; the remaining units
// continue on further pages.
func (d *doc) layout() {
	y := d.newPage()
	y = d.header(y)
	y = d.fields(y)
	d.footer()
	d.signature(d.units(y))
	d.finishPage()
}
