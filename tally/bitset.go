package tally

import "math/bits"

// bitset is a set of IDs: people, households, patrons, volunteers, events.
type bitset []uint64

func newBitset(maxID uint32) bitset { return make(bitset, int(maxID)/64+1) }

func (b bitset) set(id uint32) { b[id>>6] |= 1 << (id & 63) }

func (b bitset) has(id uint32) bool {
	w := int(id >> 6)
	return w < len(b) && b[w]&(1<<(id&63)) != 0
}

func (b bitset) count() int64 {
	var n int
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return int64(n)
}

// each calls fn with every ID in the set, in order.
func (b bitset) each(fn func(id uint32)) {
	for i, w := range b {
		for w != 0 {
			t := bits.TrailingZeros64(w)
			fn(uint32(i<<6 | t))
			w &= w - 1
		}
	}
}

// or adds the IDs of o, a set of the same size or smaller.
func (b bitset) or(o bitset) {
	for i, w := range o {
		b[i] |= w
	}
}

// put adds or removes id, growing the set as needed.
func (b *bitset) put(id uint32, on bool) {
	w := int(id >> 6)
	if w >= len(*b) {
		if !on {
			return
		}
		*b = append(*b, make(bitset, w+1-len(*b))...)
	}
	if on {
		(*b)[w] |= 1 << (id & 63)
	} else {
		(*b)[w] &^= 1 << (id & 63)
	}
}
