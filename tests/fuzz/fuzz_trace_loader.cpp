// libFuzzer target: any bytes given to the loader produce a trace or a LoadError, never a crash,
// a hang or a sanitizer report. Build with -DLANESCOPE_FUZZ=ON (clang), run:
//   build-fuzz/tests/fuzz/fuzz_trace_loader -max_total_time=300 tests/fuzz/corpus
#include "formats/load_error.h"
#include "formats/trace_loader.h"

#include <cstdio>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = "/tmp/lanescope-fuzz-" + std::to_string(getpid()) + ".json";
    if (FILE* file = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, file);
        std::fclose(file);
    }
    try {
        const lanescope::Trace trace = lanescope::formats::loadTrace(path);
        (void)trace.sliceCount();
    } catch (const lanescope::formats::LoadError&) {
    }
    return 0;
}
