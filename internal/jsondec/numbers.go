package jsondec

import (
	"strconv"
	"unsafe"
)

// numberScan is what one pass over a number learns: where it ends and,
// while its digits fit, its decimal mantissa and exponent.
type numberScan struct {
	start, end int
	neg        bool
	mant       uint64 // the first maxMantDigits significant digits
	digits     int    // digits read into mant, leading zeros included
	dropped    bool   // digits beyond maxMantDigits were left out
	exp        int    // decimal exponent of mant, saturated far beyond any float
	integer    bool   // neither a fraction nor an exponent
}

// maxMantDigits is how many digits mant takes: any 19 fit in a uint64.
const maxMantDigits = 19

// maxExp saturates the exponent far beyond the range of a float64, so
// that adding the fraction's digits to it cannot overflow.
const maxExp = 1 << 20

// scanNumber reads the number at the position, checking its syntax as
// encoding/json's scanner does: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *Decoder) scanNumber() (n numberScan, ok bool) {
	data := d.data
	i := d.pos
	n.start, n.integer = i, true
	if i < len(data) && data[i] == '-' {
		n.neg = true
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && '1' <= data[i] && data[i] <= '9':
		for ; i < len(data) && isDigit(data[i]); i++ {
			if n.digits < maxMantDigits {
				n.mant = n.mant*10 + uint64(data[i]-'0')
				n.digits++
			} else {
				n.dropped = true
				n.exp++
			}
		}
	default:
		d.pos = i
		d.syntaxError("invalid number")
		return n, false
	}
	if i < len(data) && data[i] == '.' {
		n.integer = false
		i++
		first := i
		for ; i < len(data) && isDigit(data[i]); i++ {
			if n.digits < maxMantDigits {
				n.mant = n.mant*10 + uint64(data[i]-'0')
				n.digits++
				n.exp--
			} else {
				n.dropped = true
			}
		}
		if i == first {
			d.pos = i
			d.syntaxError("invalid number: no digit after the point")
			return n, false
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		n.integer = false
		i++
		sign := 1
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			if data[i] == '-' {
				sign = -1
			}
			i++
		}
		first := i
		e := 0
		for ; i < len(data) && isDigit(data[i]); i++ {
			if e < maxExp {
				e = e*10 + int(data[i]-'0')
			}
		}
		if i == first {
			d.pos = i
			d.syntaxError("invalid number: no digit in the exponent")
			return n, false
		}
		n.exp += sign * e
	}
	n.end = i
	d.pos = i
	return n, true
}

// plainNumber reads the commonest numbers in one tight pass: an integer
// or a decimal fraction, without an exponent, whose digits fit in mant.
// It returns the mantissa, the digits after the point and the end; ok is
// false, and nothing consumed, for anything else (scanNumber reads it).
func (d *Decoder) plainNumber() (mant uint64, frac int, neg bool, end int, ok bool) {
	data := d.data
	i := d.pos
	if i < len(data) && data[i] == '-' {
		neg = true
		i++
	}
	first, digits := i, 0
	if i < len(data) && data[i] == '0' {
		i++
	} else {
		for ; i < len(data) && isDigit(data[i]); i++ {
			mant = mant*10 + uint64(data[i]-'0')
			digits++
		}
		if i == first {
			return 0, 0, false, 0, false
		}
	}
	if i < len(data) && data[i] == '.' {
		i++
		point := i
		for ; i < len(data) && isDigit(data[i]); i++ {
			mant = mant*10 + uint64(data[i]-'0')
			digits++
		}
		if frac = i - point; frac == 0 {
			return 0, 0, false, 0, false
		}
	}
	if digits >= maxMantDigits || i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		return 0, 0, false, 0, false
	}
	return mant, frac, neg, i, true
}

// number consumes a number, checking only its syntax.
func (d *Decoder) number() { d.scanNumber() }

// text is the number as written.
func (n numberScan) text(data []byte) string {
	b := data[n.start:n.end]
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// exactPowers are the powers of ten a float64 holds exactly.
var exactPowers = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// float64 converts the number as strconv.ParseFloat(text, 64) does. When
// the mantissa is at most 2^53 and the exponent within ±22, both are exact
// float64s and one multiplication or division rounds correctly, as the
// conversion must: the same result, without a second pass. Otherwise
// strconv converts the text. ok is false when the number is out of range.
func (n numberScan) float64(data []byte) (f float64, ok bool) {
	if !n.dropped && n.mant <= 1<<53 && -22 <= n.exp && n.exp <= 22 {
		f = float64(n.mant)
		if n.exp < 0 {
			f /= exactPowers[-n.exp]
		} else {
			f *= exactPowers[n.exp]
		}
		if n.neg {
			f = -f
		}
		return f, true
	}
	f, err := strconv.ParseFloat(n.text(data), 64)
	return f, err == nil
}

// int64 converts the number as strconv.ParseInt(text, 10, 64) does: a
// fraction, an exponent or an overflow is not an integer.
func (n numberScan) int64(data []byte) (int64, bool) {
	if !n.integer {
		return 0, false
	}
	if n.digits < maxMantDigits && !n.dropped {
		v := int64(n.mant)
		if n.neg {
			v = -v
		}
		return v, true
	}
	v, err := strconv.ParseInt(n.text(data), 10, 64)
	return v, err == nil
}
