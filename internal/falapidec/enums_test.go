package falapidec_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/internal/falapidec"
)

// unknownEnumValue is a value no enum of the schema lists.
const unknownEnumValue = "zz_added_after_generation"

// TestUnknownEnumValuesDecode shows that answers holding enum values the
// schema does not list (fal adds some between regenerations) decode, and
// keep the values: every enum of every response type's seeds is set to an
// unknown value, and the document decodes back to the same.
func TestUnknownEnumValuesDecode(t *testing.T) {
	s := loadSeeds(t)
	total := 0
	for _, rt := range responseTypes {
		for _, seed := range s.bodiesOf(rt) {
			want := rt.new()
			if err := json.Unmarshal(seed, want); err != nil {
				t.Fatalf("%s: the seed does not decode: %v", rt.name, err)
			}
			n := setEnums(reflect.ValueOf(want).Elem())
			if n == 0 {
				continue
			}
			total += n
			data, err := json.Marshal(want)
			if err != nil {
				t.Fatal(err)
			}
			got := rt.new()
			if err := falapidec.Unmarshal(data, got); err != nil {
				t.Errorf("%s with %d unknown enum values: %v", rt.name, n, err)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: unknown enum values were not kept:\n%s", rt.name, data)
			}
		}
	}
	if total < 50 {
		t.Errorf("only %d enum values were replaced: the walk does not find the enums", total)
	}
}

// setEnums sets every enum inside v (a string type of falapi, which has a
// Valid method) to unknownEnumValue and counts them.
func setEnums(v reflect.Value) int {
	switch v.Kind() {
	case reflect.String:
		if _, ok := v.Type().MethodByName("Valid"); ok && v.CanSet() {
			v.SetString(unknownEnumValue)
			return 1
		}
	case reflect.Pointer:
		if !v.IsNil() {
			return setEnums(v.Elem())
		}
	case reflect.Slice:
		n := 0
		for i := range v.Len() {
			n += setEnums(v.Index(i))
		}
		return n
	case reflect.Map:
		n := 0
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			n += setEnums(e)
			v.SetMapIndex(k, e)
		}
		return n
	case reflect.Struct:
		if strings.HasPrefix(v.Type().Name(), "Nullable[") {
			return setNullableEnum(v)
		}
		n := 0
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				n += setEnums(v.Field(i))
			}
		}
		return n
	}
	return 0
}

// setNullableEnum sets the value of a falapi.Nullable holding an enum
// through its Get and Set methods.
func setNullableEnum(v reflect.Value) int {
	p := v.Addr()
	out := p.MethodByName("Get").Call(nil)
	if !out[1].IsNil() {
		return 0
	}
	value := reflect.New(out[0].Type()).Elem()
	value.Set(out[0])
	n := setEnums(value)
	p.MethodByName("Set").Call([]reflect.Value{value})
	return n
}
