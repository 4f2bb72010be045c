# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Lanescope authors
# Thin wrapper: every target installs missing Debian packages first, so a fresh machine needs
# only `make run` or `make test`.
PRESET ?= default
BUILD_DIR := build
SAMPLE := resources/samples/bert_eager_ascend_pt
PREFIX ?= /usr/local

.PHONY: all deps configure build run test test-sanitize test-tsan fuzz fuzz-merge bench package \
	install format clean

all: build

deps:
	./packaging/deps.sh

configure: deps
	cmake --preset $(PRESET)

build: configure
	cmake --build --preset $(PRESET)

run: build
	./$(BUILD_DIR)/app/lanescope $(SAMPLE)

test: build
	ctest --preset $(PRESET)

# The whole suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer (CI runs it).
test-sanitize: deps
	cmake --preset sanitize
	cmake --build --preset sanitize
	ctest --preset sanitize

# The core's threaded tests built with ThreadSanitizer (clang; CI runs it).
test-tsan: deps
	cmake --preset tsan
	cmake --build --preset tsan
	ctest --preset tsan

# Each libFuzzer target for FUZZ_SECONDS (default 60) on its corpus (clang, core only; CI runs it).
fuzz: deps
	cmake --preset fuzz
	cmake --build --preset fuzz
	./tests/fuzz/run.sh

# Keeps what the last `make fuzz` found that adds coverage in tests/fuzz/corpus (then commit it).
fuzz-merge:
	./tests/fuzz/run.sh --merge

bench: build
	./$(BUILD_DIR)/tests/bench/lanescope-bench --out $(BUILD_DIR)/bench $(BENCH_ARGS)
	./$(BUILD_DIR)/tests/bench/lanescope-frame-bench

# A .deb and a relocatable .tar.gz in build/package (CPack; packaging/package.cmake).
package: build
	cmake --build --preset $(PRESET) --target package

# Installs the binaries, menu entry, icons, MIME types, metainfo, man pages and completion.
install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD_DIR) build-sanitize build-fuzz build-tsan
