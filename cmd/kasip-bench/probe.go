package main

import (
	"fmt"
	"time"
)

// The benchmark machine is a virtual machine whose speed varies over
// time with what else its host runs: the same binary and database gave
// twice the server CPU per request half an hour apart (docs/benchmarks.md),
// with the load generator's own cost doubling too, while a loop that touches no
// memory kept its time. So every measurement is printed with a probe of
// the machine as it was: a fixed arithmetic loop (the cores) and random
// reads over 256 MiB (memory), to tell a slower machine from slower code.

// probe measures the machine: the time of a fixed loop, and the mean
// time of a dependent random read from a 256 MiB table.
func probe() string {
	start := time.Now()
	x := 0
	for i := 0; i < 100_000_000; i++ {
		x += i ^ (x >> 3)
	}
	cpu := time.Since(start)

	const n = 32 << 20 // 32 Mi uint64s: 256 MiB
	table := make([]uint64, n)
	// A random cycle through the table (Sattolo's algorithm with an
	// xorshift generator), so each read depends on the one before and
	// neither the prefetcher nor the out-of-order core can hide it.
	for i := range table {
		table[i] = uint64(i)
	}
	s := uint64(88172645463325252)
	for i := n - 1; i > 0; i-- {
		s ^= s << 13
		s ^= s >> 7
		s ^= s << 17
		j := int(s % uint64(i))
		table[i], table[j] = table[j], table[i]
	}
	const reads = 2_000_000
	p := uint64(0)
	start = time.Now()
	for range reads {
		p = table[p]
	}
	mem := time.Since(start)
	return fmt.Sprintf("machine probe: fixed loop %s, random memory read %.0f ns (%d, %d)",
		cpu.Round(time.Millisecond), float64(mem.Nanoseconds())/reads, x&1, p&1)
}
