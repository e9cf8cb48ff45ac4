package main

import (
	"os"
	"strconv"
	"time"
)

// timestamped writes log lines as the other servers here do: "15:04:05 INFO ...".
type timestamped struct{}

func (timestamped) Write(p []byte) (int, error) {
	return os.Stderr.Write(append([]byte(time.Now().Format("15:04:05 ")), p...))
}

func itoa(n int) string { return strconv.Itoa(n) }
