// Package fixture has a doc comment example that calls what does not
// exist.
//
//	fmt.Println(fal.NoSuchThing)
package fixture

// Keys is a broken example on a declaration, far from the package doc:
//
//	keys, err := c.ListAPIKeys(ctx, "admin")
func Keys() {}
