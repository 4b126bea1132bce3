package httpx

import (
	"math"
	"sync"
	"time"
)

// Sign-in attempts are limited with token buckets in memory, one per
// client address and one per login: the first slows down one machine
// guessing many passwords, the second many machines guessing one. Each
// bucket holds `rate` attempts and refills at `rate` per period. The state
// is per process: behind several processes the limit is per process, which
// still bounds guessing to a small multiple.
//
// A per-login limit lets anyone lock a login out for a minute by failing
// on purpose; that is the price of stopping distributed guessing, and a
// minute is short.

// rateLimiter is a set of token buckets keyed by string.
type RateLimiter struct {
	mu        sync.Mutex
	perSecond float64 // refill rate
	burst     float64 // bucket size
	Buckets   map[string]*bucket
	SweepAt   int // size of the map that triggers a sweep of full buckets
}

type bucket struct {
	tokens float64
	last   time.Time
}

// limiterSweep is the map size at which full buckets are first dropped.
const LimiterSweep = 4096

// newRateLimiter allows n events per period per key; n < 0 means no limit
// (nil limiter).
func NewRateLimiter(n int, period time.Duration) *RateLimiter {
	if n < 0 {
		return nil
	}
	return &RateLimiter{
		perSecond: float64(n) / period.Seconds(), burst: float64(n),
		Buckets: map[string]*bucket{}, SweepAt: LimiterSweep,
	}
}

// allow takes one token from the bucket of every key, checking them in
// order and touching none when one is empty; it returns false and how long
// until that bucket has a token again. Checking the client first means a
// client over its limit cannot fill the map with login buckets.
func (l *RateLimiter) Allow(now time.Time, keys ...string) (bool, time.Duration) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	bs := make([]*bucket, len(keys))
	for i, k := range keys {
		b := l.bucket(k, now)
		if b.tokens < 1 {
			return false, time.Duration((1 - b.tokens) / l.perSecond * float64(time.Second))
		}
		bs[i] = b
	}
	for _, b := range bs {
		b.tokens--
	}
	return true, 0
}

// bucket returns the key's bucket refilled up to now.
func (l *RateLimiter) bucket(key string, now time.Time) *bucket {
	b := l.Buckets[key]
	if b == nil {
		l.sweep(now)
		b = &bucket{tokens: l.burst, last: now}
		l.Buckets[key] = b
		return b
	}
	if d := now.Sub(b.last).Seconds(); d > 0 {
		b.tokens = math.Min(l.burst, b.tokens+d*l.perSecond)
		b.last = now
	}
	return b
}

// sweep drops buckets that have refilled completely (they are the same as
// no bucket) once the map is large, and raises the threshold when most
// buckets are still in use, so that sweeping stays amortised O(1).
func (l *RateLimiter) sweep(now time.Time) {
	if len(l.Buckets) < l.SweepAt {
		return
	}
	for k, b := range l.Buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.perSecond >= l.burst {
			delete(l.Buckets, k)
		}
	}
	l.SweepAt = max(LimiterSweep, 2*len(l.Buckets))
}

// retryAfterSeconds rounds a wait up to whole seconds, at least one, for
// the Retry-After header.
func RetryAfterSeconds(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}

// clipKey cuts s to at most n bytes, for map keys made of request data.
func ClipKey(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
