// Package fixture has a doc comment example that does not parse, but reads
// as Go.
//
//	for _, m := range models {
//		fmt.Println(m.EndpointID
//	}
package fixture
