// Package schematest validates the JSON form of Kasip standards against the
// published schema, docs/standard.schema.json, for tests in any package.
//
// The schema is found relative to this source file (or, when paths are
// trimmed, by walking up from the working directory to go.mod) and compiled
// once per test binary.
package schematest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaFile is the schema's path relative to the repository root.
const SchemaFile = "docs/standard.schema.json"

var (
	once     sync.Once
	compiled *jsonschema.Schema
	errSetup error
)

// Path returns the absolute path of docs/standard.schema.json.
func Path() (string, error) {
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		p := filepath.Join(filepath.Dir(file), "..", "..", filepath.FromSlash(SchemaFile))
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, filepath.FromSlash(SchemaFile))
			if _, err := os.Stat(p); err != nil {
				return "", err
			}
			return p, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("schematest: cannot find the repository root (go.mod) above the working directory")
		}
		dir = up
	}
}

// Schema returns the compiled schema, compiling it on first use.
func Schema() (*jsonschema.Schema, error) {
	once.Do(func() {
		p, err := Path()
		if err != nil {
			errSetup = err
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		c.AssertFormat()
		compiled, errSetup = c.Compile(p)
		if errSetup != nil {
			errSetup = fmt.Errorf("schematest: compile %s: %w", p, errSetup)
		}
	})
	return compiled, errSetup
}

// Check validates jsonBytes, which hold one standard (a JSON object) or a
// non-empty JSON array of standards (the form `kasip parse` prints for a file
// with several), and returns what is wrong, or nil.
func Check(jsonBytes []byte) error {
	sch, err := Schema()
	if err != nil {
		return err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(jsonBytes))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	switch v := doc.(type) {
	case []any:
		if len(v) == 0 {
			return errors.New("an empty array: expected one standard or an array of at least one")
		}
		var errs []error
		for i, s := range v {
			if err := validate(sch, s); err != nil {
				errs = append(errs, fmt.Errorf("standard [%d]: %w", i, err))
			}
		}
		return errors.Join(errs...)
	case map[string]any:
		return validate(sch, v)
	case nil:
		return errors.New("null: expected one standard (an object) or an array of standards")
	default:
		return fmt.Errorf("a JSON %T: expected one standard (an object) or an array of standards", doc)
	}
}

func validate(sch *jsonschema.Schema, v any) error {
	err := sch.Validate(v)
	var ve *jsonschema.ValidationError
	if errors.As(err, &ve) {
		// The detailed form names every failing location and keyword.
		return errors.New(ve.GoString())
	}
	return err
}

// Validate fails t unless jsonBytes hold one standard or a non-empty array
// of standards that conform to docs/standard.schema.json.
func Validate(t testing.TB, jsonBytes []byte) {
	t.Helper()
	if err := Check(jsonBytes); err != nil {
		t.Errorf("JSON does not conform to %s:\n%v", SchemaFile, err)
	}
}
