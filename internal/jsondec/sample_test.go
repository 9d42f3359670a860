package jsondec_test

import (
	"encoding/json"
	"time"

	"github.com/falplatform/fal-go/internal/jsondec"
)

// sample has a field of every kind the runtime decodes, and sampleDecode
// decodes it as the generated decoders of internal/falapidec do (itemDecode
// looks every key up, without guesses): the tests hold both to
// json.Unmarshal.
type sample struct {
	S     string             `json:"s"`
	Kind  kind               `json:"kind"`
	F     float64            `json:"f"`
	I     int                `json:"i"`
	B     bool               `json:"b"`
	SP    *string            `json:"sp,omitempty"`
	KindP *kind              `json:"kind_p,omitempty"`
	FP    *float64           `json:"fp,omitempty"`
	IP    *int               `json:"ip,omitempty"`
	BP    *bool              `json:"bp,omitempty"`
	List  []string           `json:"list"`
	Items []item             `json:"items"`
	Map   map[string]float64 `json:"map"`
	Child *sample            `json:"child,omitempty"`
	Raw   json.RawMessage    `json:"raw"`
	When  *time.Time         `json:"when,omitempty"`
	Any   any                `json:"any"`
	Skip  string             `json:"-"`
}

type kind string

type item struct {
	Name  string   `json:"name"`
	Score *float64 `json:"score"`
	Tags  []kind   `json:"tags"`
}

// sampleField maps a key to a field of sample: its exact name, else its
// fold, as encoding/json matches them.
func sampleField(k []byte) int {
	switch string(k) {
	case "s":
		return 0
	case "kind":
		return 1
	case "f":
		return 2
	case "i":
		return 3
	case "b":
		return 4
	case "sp":
		return 5
	case "kind_p":
		return 6
	case "fp":
		return 7
	case "ip":
		return 8
	case "bp":
		return 9
	case "list":
		return 10
	case "items":
		return 11
	case "map":
		return 12
	case "child":
		return 13
	case "raw":
		return 14
	case "when":
		return 15
	case "any":
		return 16
	}
	var buf [jsondec.FoldBuffer]byte
	switch string(jsondec.AppendFold(buf[:0], k)) {
	case "S":
		return 0
	case "KIND":
		return 1
	case "F":
		return 2
	case "I":
		return 3
	case "B":
		return 4
	case "SP":
		return 5
	case "KIND_P":
		return 6
	case "FP":
		return 7
	case "IP":
		return 8
	case "BP":
		return 9
	case "LIST":
		return 10
	case "ITEMS":
		return 11
	case "MAP":
		return 12
	case "CHILD":
		return 13
	case "RAW":
		return 14
	case "WHEN":
		return 15
	case "ANY":
		return 16
	}
	return -1
}

// sampleKeys are the keys of sample's fields as JSON writes them, for
// the guesses of Decoder.Field.
var sampleKeys = [...]string{`"s"`, `"kind"`, `"f"`, `"i"`, `"b"`, `"sp"`, `"kind_p"`, `"fp"`, `"ip"`, `"bp"`,
	`"list"`, `"items"`, `"map"`, `"child"`, `"raw"`, `"when"`, `"any"`}

func sampleDecode(d *jsondec.Decoder, v *sample) {
	if !d.BeginObject() {
		return
	}
	order := d.Order(0, len(sampleKeys))
	f := -1
	for i := 0; d.NextField(i); i++ {
		f = d.Field(order, f, sampleKeys[:], sampleField)
		switch f {
		case 0:
			jsondec.String(d, &v.S)
		case 1:
			jsondec.String(d, &v.Kind)
		case 2:
			jsondec.Float(d, &v.F)
		case 3:
			jsondec.Int(d, &v.I)
		case 4:
			jsondec.Bool(d, &v.B)
		case 5:
			jsondec.StringPtr(d, &v.SP)
		case 6:
			jsondec.StringPtr(d, &v.KindP)
		case 7:
			jsondec.FloatPtr(d, &v.FP)
		case 8:
			jsondec.IntPtr(d, &v.IP)
		case 9:
			jsondec.BoolPtr(d, &v.BP)
		case 10:
			jsondec.Slice(d, &v.List, jsondec.String[string])
		case 11:
			jsondec.Slice(d, &v.Items, itemDecode)
		case 12:
			jsondec.Map(d, &v.Map, jsondec.Float[float64])
		case 13:
			jsondec.Ptr(d, &v.Child, sampleDecode)
		case 14:
			jsondec.Unmarshal(d, &v.Raw)
		case 15:
			jsondec.Ptr(d, &v.When, timeDecode)
		case 16:
			jsondec.Fallback(d, &v.Any)
		default:
			d.Skip()
		}
	}
}

func timeDecode(d *jsondec.Decoder, v *time.Time) { jsondec.Unmarshal(d, v) }

func itemDecode(d *jsondec.Decoder, v *item) {
	if !d.BeginObject() {
		return
	}
	for i := 0; d.NextField(i); i++ {
		k := d.Key()
		var buf [jsondec.FoldBuffer]byte
		switch string(k) {
		case "name":
			jsondec.String(d, &v.Name)
			continue
		case "score":
			jsondec.FloatPtr(d, &v.Score)
			continue
		case "tags":
			jsondec.Slice(d, &v.Tags, jsondec.String[kind])
			continue
		}
		switch string(jsondec.AppendFold(buf[:0], k)) {
		case "NAME":
			jsondec.String(d, &v.Name)
		case "SCORE":
			jsondec.FloatPtr(d, &v.Score)
		case "TAGS":
			jsondec.Slice(d, &v.Tags, jsondec.String[kind])
		default:
			d.Skip()
		}
	}
}
