package csvrows_test

import (
	"fmt"
	"strings"

	"github.com/falplatform/fal-go/internal/csvrows"
)

func ExampleReader_All() {
	report := strings.NewReader("\xEF\xBB\xBFServiceName,BilledCost,BillingCurrency\n" +
		"fal-ai/flux/dev,0.025,USD\n" +
		"Serverless,1.20,USD\n")
	r, err := csvrows.NewReader(report)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Header())
	for row, err := range r.All() {
		if err != nil {
			fmt.Println(err)
			return
		}
		service, _ := row.Get("ServiceName")
		cost, _ := row.Get("BilledCost")
		fmt.Printf("line %d: %s costs %s\n", row.Line(), service, cost)
	}
	// Output:
	// [ServiceName BilledCost BillingCurrency]
	// line 2: fal-ai/flux/dev costs 0.025
	// line 3: Serverless costs 1.20
}
