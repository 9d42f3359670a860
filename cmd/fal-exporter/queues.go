package main

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/prometheus/client_golang/prometheus"
)

// fetchQueues reads the queue size of each app of --queues.apps, or of
// the account's apps (up to --queues.max-apps) when none are listed.
func (e *exporter) fetchQueues(ctx context.Context) ([]prometheus.Metric, error) {
	apps := e.cfg.queueApps
	if len(apps) == 0 {
		var err error
		if apps, err = e.listApps(ctx); err != nil {
			return nil, err
		}
	}
	metrics := make([]prometheus.Metric, 0, len(apps))
	for _, app := range apps {
		q, err := e.client.ServerlessGetAppQueueInfo(ctx, app.owner, app.name, e.self.countRequests("ServerlessGetAppQueueInfo"))
		if err != nil {
			return nil, fmt.Errorf("queue of app %s: %w", app, err)
		}
		metrics = append(metrics, prometheus.MustNewConstMetric(queueSizeDesc, prometheus.GaugeValue, float64(q.QueueSize), app.String()))
	}
	return metrics, nil
}

// listApps lists the account's apps by name, the first --queues.max-apps
// of them.
func (e *exporter) listApps(ctx context.Context) ([]appRef, error) {
	list, err := e.client.ServerlessListApps(ctx, nil, e.self.countRequests("ServerlessListApps"))
	if err != nil {
		return nil, err
	}
	apps := make([]appRef, 0, len(list.Apps))
	for _, a := range list.Apps {
		apps = append(apps, appRef{owner: a.Owner, name: a.Name})
	}
	slices.SortFunc(apps, func(a, b appRef) int { return cmp.Compare(a.String(), b.String()) })
	apps = slices.Compact(apps)
	if len(apps) > e.cfg.queueMaxApps {
		if !e.queuesCapped.Swap(true) {
			e.log.Warn("exporting the queues of the first apps by name only; name the apps to watch in --queues.apps or raise --queues.max-apps",
				"apps", len(apps), "max_apps", e.cfg.queueMaxApps)
		}
		apps = apps[:e.cfg.queueMaxApps]
	}
	return apps, nil
}
