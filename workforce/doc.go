// Package workforce is the standards at work: organisations (employers and
// education providers) with their members, employees and positions bound to
// a card of a standard; the competence assessment of staff against the
// position's card, the gap analysis and heat map built on it, development
// plans that close the gaps, and the alignment of an education provider's
// programme with the cards it prepares for (the coverage matrix).
//
// The package is pure: rules and computations over plain structs. The
// store (store/workforce*.go) keeps them, the web layer shows them.
// Refusals are recognition.Error values with "workforce." keys, so that
// the web layer says them in the reader's language like the recognition
// refusals; their English is in Messages.
package workforce
