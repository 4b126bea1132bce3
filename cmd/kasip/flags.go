package main

import (
	"flag"
	"strings"
)

// parseFlags parses args with fs like fs.Parse, but accepts flags before,
// between and after the arguments (kasip export CODE --version 1,
// kasip lint FILE --json): the standard package stops at the first
// argument, and the usage lines promise more. "--" ends the flags; what
// follows it is an argument even when it starts with a dash, and a lone
// "-" is an argument too. A flag's value is the next word unless the flag
// is boolean or written -flag=value, the same rules fs.Parse applies.
// Afterwards fs.Args() holds the arguments in their order.
func parseFlags(fs *flag.FlagSet, args []string) error {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		if takesValue(fs, a) {
			if i+1 == len(args) {
				// fs.Parse reports the missing value.
				return fs.Parse(flags)
			}
			i++
			flags = append(flags, args[i])
		}
	}
	// The "--" keeps an argument that starts with a dash from being taken
	// for a flag by fs.Parse.
	return fs.Parse(append(append(flags, "--"), positional...))
}

// takesValue reports whether the flag word a (-name, --name, -name=value)
// consumes the next word as its value. Unknown flags take none: fs.Parse
// reports them.
func takesValue(fs *flag.FlagSet, a string) bool {
	name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
	if strings.Contains(name, "=") {
		return false
	}
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return false
	}
	return true
}
