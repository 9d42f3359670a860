package falmock

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
)

// focusMarker in an operation's description says its CSV follows the FinOps
// FOCUS specification.
const focusMarker = "FOCUS"

// focusColumns are the FinOps FOCUS columns of a synthesized FOCUS report.
var focusColumns = []string{
	"BillingAccountId", "BillingAccountName", "SubAccountId", "SubAccountName",
	"BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd",
	"ChargeCategory", "ChargeDescription", "ServiceName", "ServiceCategory",
	"ProviderName", "PublisherName", "InvoiceIssuerName", "ResourceId", "SkuId",
	"PricingQuantity", "PricingUnit", "ConsumedQuantity", "ConsumedUnit",
	"ListCost", "ContractedCost", "EffectiveCost", "BilledCost", "BillingCurrency",
}

// csvRows is the number of data rows of a synthesized CSV report.
const csvRows = 3

// csvAnswer is the operation's published CSV example, or a synthesized
// report: FOCUS columns when the operation says it is a FOCUS report,
// generic columns otherwise, and csvRows rows.
func (o *operation) csvAnswer() (string, error) {
	if ex, ok := o.exampleValue(); ok {
		if s, ok := ex.(string); ok {
			return s, nil
		}
	}
	op := o.route.Operation
	rows := genericRows()
	if strings.Contains(op.Summary+op.Description, focusMarker) {
		rows = focusRows()
	}
	var buf bytes.Buffer
	if err := csv.NewWriter(&buf).WriteAll(rows); err != nil {
		return "", fmt.Errorf("write csv: %w", err)
	}
	return buf.String(), nil
}

// focusRows is a FOCUS report: the header and csvRows rows.
func focusRows() [][]string {
	rows := [][]string{focusColumns}
	for i := 1; i <= csvRows; i++ {
		row := make([]string, len(focusColumns))
		for j, col := range focusColumns {
			row[j] = focusValue(col, i)
		}
		rows = append(rows, row)
	}
	return rows
}

// focusValue is a plausible value of a FOCUS column in row i.
func focusValue(col string, i int) string {
	switch col {
	case "BillingPeriodStart", "ChargePeriodStart":
		return "2025-01-01T00:00:00Z"
	case "BillingPeriodEnd", "ChargePeriodEnd":
		return "2025-02-01T00:00:00Z"
	case "ChargeCategory":
		return "Usage"
	case "ServiceCategory":
		return "AI and Machine Learning"
	case "ProviderName", "PublisherName", "InvoiceIssuerName":
		return "fal"
	case "BillingCurrency":
		return "USD"
	case "PricingUnit", "ConsumedUnit":
		return "image"
	case "PricingQuantity", "ConsumedQuantity":
		return strconv.Itoa(10 * i)
	case "ListCost", "ContractedCost", "EffectiveCost", "BilledCost":
		return strconv.FormatFloat(0.25*float64(i), 'f', 2, 64)
	case "ServiceName", "ResourceId":
		return fmt.Sprintf("fal-ai/model-%d", i)
	}
	return fmt.Sprintf("%s-%d", col, i)
}

// genericRows is a report of no known kind: the header and csvRows rows.
func genericRows() [][]string {
	rows := [][]string{{"id", "name", "status", "updated_at"}}
	for i := 1; i <= csvRows; i++ {
		rows = append(rows, []string{fmt.Sprintf("row-%d", i), fmt.Sprintf("name-%d", i), "ALLOWED", "2025-01-15T10:30:00Z"})
	}
	return rows
}
