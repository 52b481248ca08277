# The README's two commands. Everything else is CMake (see CMakePresets.json).
.PHONY: demo test build setup clean asan

JOBS ?= $(shell nproc)

setup:
	./scripts/setup

build: setup
	cmake --preset release >/dev/null
	cmake --build build/release -j $(JOBS) --target ferry

demo: build
	./scripts/demo

test: setup
	./scripts/test

asan: setup
	cmake --preset asan >/dev/null
	cmake --build build/asan -j $(JOBS)

clean:
	rm -rf build
