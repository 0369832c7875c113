package catalog

//go:generate go run ./internal/gen/run -corpus ../../shared/corpus -overrides overrides.yaml -o catalog_gen.go
