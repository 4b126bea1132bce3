package demo_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/store"
	"github.com/kasip/kasip/workforce"
)

// The organisations demo on both databases: the youth centre with a
// director and six youth workers, real gaps, plans (one overdue, one a
// recognition application filed), the first worker's certificate
// confirming units; the hotel; the college programme with uncovered items;
// everything marked as demo data; a second run changes nothing.
func TestSeedWorkforce(t *testing.T) {
	for name, dsn := range testDatabases(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := openWith(t, dsn, "M84120", "I55101015")
			opts := demo.SeedOptions{Params: auth.TestParams}
			seed := must(demo.SeedRecognition(ctx, st, opts))(t)
			set := certificate.DefaultSettings()
			set.BaseURL, set.Demo = "https://kasip.invalid", true
			if err := st.SetCertificateSettings(ctx, 0, set); err != nil {
				t.Fatal(err)
			}
			must(demo.SeedCertificates(ctx, st, seed, opts))(t)
			ws := must(demo.SeedWorkforce(ctx, st, seed, opts))(t)
			if len(ws.Accounts) != 2 {
				t.Errorf("%d accounts", len(ws.Accounts))
			}
			checkYouthCentre(t, st, ws.Youth)
			checkCollege(t, st, ws.College)
			hotel := must(st.ListPositions(ctx, ws.Hotel))(t)
			if len(hotel) != 1 || hotel[0].Standard != "I55101015" {
				t.Fatalf("hotel positions %+v", hotel)
			}
			// The hotel's job description in both languages (the bundled
			// Russian text of the standard merged onto the Kazakh).
			std := must(st.Standard(ctx, "I55101015", hotel[0].Version))(t)
			for _, lang := range []string{"kk", "ru"} {
				d, _, err := workforce.Describe(hotel[0], std, lang)
				if err != nil || len(d.Sections[2].Lines) < 8 || d.Title != std.Cards[0].Title[lang] {
					t.Errorf("hotel description in %s: %v, duties %+v", lang, err, d.Sections)
				}
			}
			if _, err := demo.SeedWorkforce(ctx, st, seed, opts); !errors.Is(err, demo.ErrAlreadySeeded) {
				t.Errorf("second run: %v", err)
			}
		})
	}
}

func checkYouthCentre(t *testing.T, st *store.Store, org int64) {
	ctx := context.Background()
	o := must(st.GetOrganisation(ctx, org))(t)
	if !o.Demo {
		t.Error("the youth centre is not marked demo")
	}
	snap := must(st.Snapshot(ctx, org, ""))(t)
	if len(snap.Employees) != 7 {
		t.Fatalf("%d employees, want a director and six youth workers", len(snap.Employees))
	}
	cards := func(pos workforce.Position) (*kasip.Card, bool) {
		std, err := st.Standard(ctx, pos.Standard, pos.Version)
		if err != nil || pos.Card >= len(std.Cards) {
			return nil, false
		}
		return &std.Cards[pos.Card], true
	}
	an := workforce.Analyse(snap, "", cards, time.Now(), 10)
	if an.WithGap < 4 || len(an.Top) == 0 {
		t.Errorf("%d people with gaps, %d top gaps: the heat map should show real gaps", an.WithGap, len(an.Top))
	}
	confirmed := 0
	for _, b := range an.Blocks {
		for _, p := range b.People {
			for _, c := range p.Cells {
				if c.Source == workforce.SourceCertificate {
					confirmed++
				}
			}
		}
	}
	if confirmed == 0 {
		t.Error("no unit confirmed by the first candidate's certificate")
	}
	acts := must(st.ListActions(ctx, workforce.ActionFilter{OrgID: org}))(t)
	var linked, overdue int
	for _, a := range acts {
		if !a.Demo {
			t.Errorf("action %d not marked demo", a.ID)
		}
		if a.Kind == workforce.ActionRecognition && a.ApplicationID != 0 {
			linked++
		}
		if a.Overdue(time.Now(), time.UTC) {
			overdue++
		}
	}
	if len(acts) < 4 || linked != 1 || overdue != 1 {
		t.Errorf("%d actions, %d linked to an application, %d overdue", len(acts), linked, overdue)
	}
}

func checkCollege(t *testing.T, st *store.Store, org int64) {
	ctx := context.Background()
	progs := must(st.ListEduProgrammes(ctx, org))(t)
	if len(progs) != 1 || len(progs[0].Modules) < 2 {
		t.Fatalf("college programmes %+v", progs)
	}
	m := workforce.Coverage(progs[0], func(ref workforce.CardRef) (*kasip.Standard, bool) {
		std, err := st.Standard(ctx, ref.Standard, ref.Version)
		return std, err == nil
	})
	tot := m.Totals()
	if tot.UnitsTaught == 0 || tot.UnitsTaught == tot.Units || len(m.Uncovered) == 0 {
		t.Errorf("coverage %+v, %d uncovered: want some taught, some not", tot, len(m.Uncovered))
	}
}
