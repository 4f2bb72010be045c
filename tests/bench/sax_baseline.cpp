// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "sax_baseline.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>
#include <zlib.h>

namespace lanescope::bench {

namespace {

class NoOpHandler : public nlohmann::json_sax<nlohmann::json> {
public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }
};

// The whole file in memory, inflated when it is gzip (zlib reads plain files as they are).
std::string readInflated(const std::string& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr)
        throw std::runtime_error("cannot read " + path);
    gzbuffer(file, 1 << 20);
    std::string text;
    std::vector<char> chunk(std::size_t{1} << 22);
    int n = 0;
    while ((n = gzread(file, chunk.data(), static_cast<unsigned>(chunk.size()))) > 0)
        text.append(chunk.data(), static_cast<std::size_t>(n));
    gzclose(file);
    return text;
}

} // namespace

double measureNoOpSaxMegabytesPerSecond(const std::string& path) {
    const std::string text = readInflated(path);
    NoOpHandler handler;
    const auto start = std::chrono::steady_clock::now();
    if (!nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &handler))
        throw std::runtime_error(path + " is not valid JSON");
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return static_cast<double>(text.size()) / 1e6 / seconds;
}

} // namespace lanescope::bench
