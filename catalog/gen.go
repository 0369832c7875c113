package catalog

//go:generate go run ./internal/gen/run -corpus ../../shared/corpus -overrides overrides.yaml -descriptions descriptions.yaml -o catalog_gen.go
