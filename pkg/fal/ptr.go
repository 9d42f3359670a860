package fal

// Ptr returns a pointer to v: the optional fields of the request types in
// package falapi are pointers, and Go cannot take the address of a
// literal.
//
//	params := &falapi.GetModelsParams{Category: fal.Ptr("text-to-image"), Limit: fal.Ptr(50)}
func Ptr[T any](v T) *T { return &v }
