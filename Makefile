# C-side builds: sanitizer unit tests, fuzzers and the WebAssembly module.
# The Node addon is built by node-gyp (binding.gyp), not here.
CORE_SRC := $(sort $(wildcard src/core/*.c src/core/*/*.c))
CORE_HDR := $(wildcard src/core/*.h src/core/*.def src/core/*/*.h)
CFLAGS_COMMON := -std=c11 -Wall -Wextra -Werror -ffp-contract=off -Isrc/core
SAN := -fsanitize=address,undefined,leak -fno-sanitize-recover=all -fno-omit-frame-pointer
BUILD := build/c

C_TESTS := $(sort $(wildcard test/c/test_*.c))
C_TEST_BINS := $(patsubst test/c/%.c,$(BUILD)/%,$(C_TESTS))
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_BINS := $(patsubst fuzz/%.c,$(BUILD)/%,$(FUZZ_SRC))
FUZZ_SECONDS ?= 20

.PHONY: test-c fuzz fuzz-build wasm clean
test-c: $(C_TEST_BINS)
	@set -e; for t in $(C_TEST_BINS); do ASAN_OPTIONS=detect_leaks=1 $$t; done

$(BUILD)/test_%: test/c/test_%.c $(CORE_SRC) $(CORE_HDR) test/c/check.h test/c/same_array.h test/c/wkt_array.h
	@mkdir -p $(BUILD)
	clang $(CFLAGS_COMMON) -g -O1 $(SAN) -Itest/c $< $(CORE_SRC) -lm -o $@

fuzz-build: $(FUZZ_BINS)
$(BUILD)/fuzz_%: fuzz/fuzz_%.c $(CORE_SRC) $(CORE_HDR) test/c/same_array.h
	@mkdir -p $(BUILD)
	clang $(CFLAGS_COMMON) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $< $(CORE_SRC) -lm -o $@

# Bounded fuzz pass: each target runs FUZZ_SECONDS over its checked-in seed
# corpus (new inputs go to a scratch folder so the corpus stays as committed).
# The fuzzer's status is tested directly (a pipe into tail would hide a crash,
# and /bin/sh has no pipefail); crash inputs are written under $(BUILD).
fuzz: $(FUZZ_BINS)
	@set -e; for f in $(FUZZ_BINS); do n=$${f##*/fuzz_}; mkdir -p $(BUILD)/corpus-$$n; \
	  echo "fuzz $$n for $(FUZZ_SECONDS)s"; \
	  if $$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	      -artifact_prefix=$(BUILD)/fuzz-$$n- $(BUILD)/corpus-$$n fuzz/corpus/$$n >$(BUILD)/fuzz-$$n.log 2>&1; \
	  then tail -n 3 $(BUILD)/fuzz-$$n.log; \
	  else tail -n 60 $(BUILD)/fuzz-$$n.log; echo "fuzz $$n FAILED (full log: $(BUILD)/fuzz-$$n.log)"; exit 1; fi; done

WASM_FLAGS := --target=wasm32-wasi --sysroot=/usr -O3 -flto -mbulk-memory -mexec-model=reactor \
	$(CFLAGS_COMMON) -DNDEBUG -Wl,--no-entry -Wl,--strip-all \
	-Wl,-z,stack-size=1048576 -Wl,--initial-memory=16777216 -Wl,--max-memory=4294967296
# WASM_OUT lets scripts/check-wasm-fresh.sh build a copy with the same flags.
WASM_OUT ?= dist/geovec.wasm
wasm: $(WASM_OUT)
$(WASM_OUT): $(CORE_SRC) $(CORE_HDR) src/wasm/glue.c
	@mkdir -p $(dir $@)
	clang $(WASM_FLAGS) $(CORE_SRC) src/wasm/glue.c -lm -o $@

clean:
	rm -rf build/c
