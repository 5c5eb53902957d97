// Package deps pins the module's dependencies while the packages that use them are written.
// Remove once every dependency is imported by a real package.
package deps

import (
	_ "cel.dev/cel-go/cel"
	_ "cel.dev/cel-go/ext"
	_ "github.com/google/uuid"
	_ "github.com/shopspring/decimal"
	_ "github.com/stretchr/testify/assert"
	_ "github.com/stretchr/testify/require"
	_ "go.yaml.in/yaml/v3"
)
