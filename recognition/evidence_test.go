package recognition_test

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kasip/kasip/recognition"
)

// evidenceFiles are real files of each allowed type: images encoded by
// the standard library, a PDF as a writer makes it, a DOCX of the seeds,
// an MP4's first box.
func evidenceFiles(t *testing.T) map[string][]byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	var p, j bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&j, img, nil); err != nil {
		t.Fatal(err)
	}
	docx, err := os.ReadFile("../testdata/kz/000_78fd8bd149563dd7.docx")
	if err != nil {
		t.Fatal(err)
	}
	pdf := "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
	mp4 := append([]byte("\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"), make([]byte, 16)...)
	return map[string][]byte{
		"application/pdf": []byte(pdf), "image/png": p.Bytes(), "image/jpeg": j.Bytes(),
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document": docx,
		"video/mp4":  mp4,
		"text/plain": []byte("Практикалық тапсырма хаттамасы: орындалды.\n"),
	}
}

// TestEvidenceContentSniffed: each file passes under its own type and is
// refused under every other, with the key naming the declared and the
// detected type; a zip that is not a Word document is no DOCX, binary is
// no text.
func TestEvidenceContentSniffed(t *testing.T) {
	p := wholeProgramme(standard(t, seedYouth), 1)
	set := recognition.DefaultSettings()
	files := evidenceFiles(t)
	add := func(ctype string, data []byte) error {
		_, err := recognition.NewEvidence(p, recognition.ComponentPractice, p.Units[0], "file", ctype, data, set)
		return err
	}
	for actual, data := range files {
		if got := recognition.DetectEvidenceType(data); got != actual {
			t.Errorf("%s detected as %s", actual, got)
		}
		for declared := range files {
			err := add(declared, data)
			if declared == actual {
				if err != nil {
					t.Errorf("%s as itself: %v", actual, err)
				}
				continue
			}
			es := recognition.Errors(err)
			if len(es) != 1 || es[0].Key != "evidence.content" || es[0].Args["declared"] != declared || es[0].Args["detected"] != actual {
				t.Errorf("%s declared %s: %v", actual, declared, err)
			}
		}
	}
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	w, _ := zw.Create("content.xml")
	w.Write([]byte("<office:document/>"))
	zw.Close()
	if err := add("application/vnd.openxmlformats-officedocument.wordprocessingml.document", z.Bytes()); !slices.Equal(errorKeys(err), []string{"evidence.content"}) {
		t.Errorf("a zip without word/document.xml as DOCX: %v", err)
	}
	if err := add("text/plain", []byte("MZ\x90\x00\x03\x00\x00\x00")); !slices.Equal(errorKeys(err), []string{"evidence.content"}) {
		t.Errorf("binary as text: %v", err)
	}
	if !strings.Contains(recognition.Errors(add("application/pdf", files["image/png"]))[0].Error(), "image/png") {
		t.Error("the message does not name the detected type")
	}
}
