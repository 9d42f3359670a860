// Package fixture has doc comments whose Go examples compile, and blocks
// that are not Go: a command line and a table.
//
//	c, err := fal.NewClient()
//	if err != nil {
//		return err
//	}
//	fmt.Println(c)
//
// Run it:
//
//	falctl --mock pricing fal-ai/flux/dev
//
// Its flags:
//
//	--output table|json|csv    how to print
//	--timeout 1m               how long to wait
package fixture

// Meta is an example on a declaration:
//
//	meta, err := c.GetMeta(ctx)
func Meta() {}
