package store

// The default recognition auditor: every recognition.Event becomes an
// entry of the audit log (Store.AppendAudit), appended inside the
// transaction of the change it records, so that the entry is written if
// and only if the change is. Open installs it; SetRecognitionAuditor can
// replace it (tests collect the events instead).

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"weak"

	"github.com/kasip/kasip/audit"
	"github.com/kasip/kasip/recognition"
)

// recognitionAuditor returns the auditor that appends each event to the
// audit log of s. It holds s only weakly: the recognition hooks live in a
// package-level map keyed by a weak pointer to the store, and a function
// there that held s itself would keep the store reachable for ever, so it
// would never be collected and its hooks never removed.
func (s *Store) recognitionAuditor() RecognitionAuditor {
	w := weak.Make(s)
	return func(ctx context.Context, tx *sql.Tx, ev recognition.Event) error {
		st := w.Value()
		if st == nil {
			// Cannot happen while a mutation of the store runs (it holds
			// the store), but refusing is the safe answer.
			return errors.New("audit: the store is gone")
		}
		return st.auditRecognition(ctx, tx, ev)
	}
}

// auditRecognition appends ev to the audit log inside tx. The action is
// the event's own ("recognition.application.accepted"): the prefix keeps
// the recognition domain's actions apart from the accounts' ("user.…").
// The entry is dated by the recognition clock, the time the change itself
// is recorded with, so that the log and the application's history agree.
func (s *Store) auditRecognition(ctx context.Context, tx *sql.Tx, ev recognition.Event) error {
	data, err := json.Marshal(ev.Data) // nil: null, which the log keeps as {}
	if err != nil {
		return fmt.Errorf("audit %s %s: data: %w", ev.Action, ev.Subject, err)
	}
	if _, err := s.AppendAudit(ctx, tx, audit.Entry{At: s.recNow(), Actor: ev.Actor, Action: ev.Action,
		Subject: ev.Subject, Data: data}); err != nil {
		return fmt.Errorf("audit %s %s: %w", ev.Action, ev.Subject, err)
	}
	return nil
}

// itoa is an id or a count as a refusal's argument.
func itoa[T int | int64](n T) string { return strconv.FormatInt(int64(n), 10) }
