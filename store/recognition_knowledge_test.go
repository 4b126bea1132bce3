package store

import (
	"bytes"
	"image"
	"image/png"
	"slices"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
)

// TestRecognitionNoTheoryWithoutKnowledge: through the store, a card whose
// skill 1.1 lists abilities only (real cards have such skills) gives a
// whole recognition on practice alone for that skill: its theory result is
// neither demanded nor accepted.
func TestRecognitionNoTheoryWithoutKnowledge(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newRecFix(t, s)
		ctx := f.ctx
		st, files := variant(t, seedYouth, "bare skill", func(st *kasip.Standard) {
			st.Code = "M84121"
			st.Cards[1].Functions[0].Skills[0].Knowledge = nil
		})
		mustImport(t, s, st, files, kasip.ImportNew)
		recMust(s.AddAccreditation(ctx, recAdmin, f.centre.ID, recognition.Accreditation{
			Number: "KZ-RC-0003", From: recStart.AddDate(0, -1, 0),
			Scope: []recognition.ScopeEntry{{StandardCode: "M84121", CardNumber: 2, Levels: []int{5}}}}))(t)
		bare := recognition.SkillPath(1, 0, 0)
		p := f.programme(nil)
		p.StandardCode = "M84121"
		p.Questions = slices.DeleteFunc(p.Questions, func(q recognition.Question) bool {
			return strings.HasPrefix(q.Knowledge[0], bare+".")
		})
		f.prog = f.approved(p)
		a := f.to(f.apply(recognition.RouteSelf), recognition.StateScheduled)
		recWantErr(t, "a theory result for a skill without knowledge", second(s.RecordResult(ctx, recAssessor1, a.ID,
			recognition.Result{Component: recognition.ComponentTheory, Unit: bare, Score: 90})), kasip.ErrInvalid)
		for _, u := range f.prog.Units {
			if u != bare {
				recMust(s.RecordResult(ctx, recAssessor1, a.ID, recognition.Result{Component: recognition.ComponentTheory, Unit: u, Score: 90}))(t)
			}
			recMust(s.RecordResult(ctx, recAssessor2, a.ID, recognition.Result{Component: recognition.ComponentPractice, Unit: u, Score: 80}))(t)
		}
		recMust(s.TransitionApplication(ctx, recAssessor1, a.ID, recognition.StateAssessed, ""))(t)
		d := recMust(s.Decide(ctx, recAssessor1, a.ID, recognition.DecisionInput{}))(t)
		if d.Outcome != recognition.OutcomeWhole || d.Overridden {
			t.Errorf("decision %s (overridden %v): %+v", d.Outcome, d.Overridden, d.Proposed.Detail)
		}
	})
}

// recPNG is a real PNG image.
func recPNG(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
