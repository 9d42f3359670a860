package csvrows

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"testing"
)

// focusReport returns a FOCUS-like export of n rows.
func focusReport(n int) []byte {
	var b bytes.Buffer
	b.WriteString("BilledCost,BillingCurrency,ChargeCategory,ChargeDescription,ChargePeriodStart,ChargePeriodEnd,ConsumedQuantity,ConsumedUnit,ServiceName,SkuId\n")
	for i := range n {
		fmt.Fprintf(&b, "%d.%04d,USD,Usage,\"fal-ai/flux/dev, %d images\",2025-06-%02dT00:00:00Z,2025-06-%02dT00:00:00Z,%d,Images,fal-ai/flux/dev,sku-%d\n",
			i%10, i%10000, i%100, i%28+1, i%28+2, i%100, i%50)
	}
	return b.Bytes()
}

// BenchmarkReader reads a report and gets two fields of each row by name;
// compare with BenchmarkBaselineCSV.
func BenchmarkReader(b *testing.B) {
	report := focusReport(10000)
	b.SetBytes(int64(len(report)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(report))
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for row, err := range r.All() {
			if err != nil {
				b.Fatal(err)
			}
			cost, _ := row.Get("BilledCost")
			service, _ := row.Get("ServiceName")
			n += len(cost) + len(service)
		}
		if n == 0 {
			b.Fatal("no rows")
		}
	}
}

// BenchmarkBaselineCSV reads the report of BenchmarkReader with
// encoding/csv alone, taking the same two fields by position.
func BenchmarkBaselineCSV(b *testing.B) {
	report := focusReport(10000)
	b.SetBytes(int64(len(report)))
	b.ReportAllocs()
	for b.Loop() {
		cr := csv.NewReader(bytes.NewReader(report))
		cr.ReuseRecord = true
		n := 0
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n += len(rec[0]) + len(rec[8])
		}
		if n == 0 {
			b.Fatal("no rows")
		}
	}
}
