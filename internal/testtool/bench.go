package testtool

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// ReportCPU adds the CPU time per operation since start (a CPUTime; the
// whole process: the code measured, the benchmark's own client and the
// garbage collector): on a shared machine it says what the wall time
// cannot, how much work an operation is.
func ReportCPU(b *testing.B, start time.Duration) {
	if now, ok := CPUTime(); ok {
		b.ReportMetric(float64((now-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

// Generate writes a benchmark corpus file with bench/gen (gen is the path
// of that directory from the test's package) into a new temporary
// directory and returns its text: go run gen kind PATH args...
func Generate(kind, gen string, args ...string) ([]byte, error) {
	dir, err := os.MkdirTemp("", "mcsf-bench")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, kind+".xml")
	out, err := exec.Command("go", append([]string{"run", gen, kind, path}, args...)...).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("bench/gen: %v\n%s", err, out)
	}
	return os.ReadFile(path)
}

// GenerateDir writes a corpus of files with bench/gen into a new temporary
// directory (go run gen kind DIR args...) and returns their texts in the
// order of their names.
func GenerateDir(kind, gen string, args ...string) ([][]byte, error) {
	dir, err := os.MkdirTemp("", "mcsf-bench")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out, err := exec.Command("go", append([]string{"run", gen, kind, dir}, args...)...).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("bench/gen: %v\n%s", err, out)
	}
	names, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		return nil, err
	}
	texts := make([][]byte, len(names))
	for i, name := range names {
		if texts[i], err = os.ReadFile(name); err != nil {
			return nil, err
		}
	}
	return texts, nil
}
