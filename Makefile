# The two entry points of README.md. Everything else is CMake + Ninja under build/.
BUILD_DIR ?= build
LAUNCHER := $(shell command -v ccache >/dev/null 2>&1 && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)

.PHONY: demo test build deps configure bench clean

demo: build
	$(BUILD_DIR)/bin/tangle check examples/philosophers.c; test $$? -le 1

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j2

bench: build
	$(BUILD_DIR)/bin/tangle-bench

build: configure
	cmake --build $(BUILD_DIR)

configure: deps
	@test -f $(BUILD_DIR)/build.ninja || cmake -S . -B $(BUILD_DIR) -G Ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo $(LAUNCHER)

deps:
	@scripts/install-deps.sh

clean:
	rm -rf $(BUILD_DIR)
