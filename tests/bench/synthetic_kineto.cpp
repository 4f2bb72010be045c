// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#include "synthetic_kineto.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <concepts>
#include <cstddef>
#include <iterator>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace lanescope::bench {
namespace {

constexpr std::int64_t us(std::int64_t micros) {
    return micros * 1000;
}

// Kineto floors wall-clock time to a multiple of ~3 months so ranks stay comparable; this is
// 227 * 90 days in ns (2025-12-08).
constexpr std::int64_t kBaseTimeNs = 1'765'152'000'000'000'000;
constexpr int kNumSms = 132; // H100 SXM, as in deviceProperties
constexpr int kLayers = 12;
constexpr int kMaxThreadsOrStreams = 64;

// CUPTI callback ids of the runtime/driver calls we emit.
constexpr int kCbidMemcpyAsync = 41;
constexpr int kCbidMemsetAsync = 51;
constexpr int kCbidStreamSynchronize = 131;
constexpr int kCbidLaunchKernel = 211;
constexpr int kCbidCuLaunchKernel = 307;

// xoshiro256** seeded through splitmix64. std:: distributions are implementation-defined, and the
// bytes must not change with the standard library. Callers draw at most one number per
// expression: operand evaluation order is unspecified in C++.
class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& word : state_) {
            word = splitMix(seed);
        }
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // Modulo bias is irrelevant for the small ranges used here.
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }

    bool chance(int percent) { return between(0, 99) < percent; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    static std::uint64_t splitMix(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    std::array<std::uint64_t, 4> state_{};
};

// Formats into a large buffer with std::to_chars and hands the stream 1 MiB at a time; per-number
// iostream formatting would dominate the run time for 10^7 events.
class JsonSink {
public:
    // Times are passed as ns since the trace start; `originNs` is that start on the file's clock.
    JsonSink(std::ostream& out, bool epochMicros, std::int64_t originNs)
        : out_(out), epochMicros_(epochMicros), originNs_(originNs) {
        buffer_.reserve(kFlushBytes + 64 * 1024);
    }

    JsonSink& text(std::string_view s) {
        buffer_.append(s);
        return *this;
    }

    template <std::integral T> JsonSink& number(T value) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        buffer_.append(digits, end);
        return *this;
    }

    // Kineto prints kernel occupancy figures with printf's %f.
    JsonSink& fixed6(double value) {
        char digits[64];
        const auto end =
            std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed, 6).ptr;
        buffer_.append(digits, end);
        return *this;
    }

    JsonSink& shortest(double value) {
        char digits[64];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        buffer_.append(digits, end);
        return *this;
    }

    JsonSink& timestamp(std::int64_t ns) {
        const std::int64_t clock = originNs_ + ns;
        return epochMicros_ ? number(clock / 1000) : micros(clock);
    }

    JsonSink& duration(std::int64_t startNs, std::int64_t durNs) {
        if (!epochMicros_) {
            return micros(durNs);
        }
        // Truncating both ends (not the duration) keeps children inside parents and kernels on a
        // stream disjoint after the loss of precision.
        const std::int64_t start = originNs_ + startNs;
        return number((start + durNs) / 1000 - start / 1000);
    }

    void flushIfFull() {
        if (buffer_.size() >= kFlushBytes) {
            flush();
        }
    }

    void flush() {
        out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        written_ += buffer_.size();
        buffer_.clear();
    }

    std::uint64_t bytes() const { return written_ + buffer_.size(); }

private:
    // Kineto's fmtTs(): "{us}.{ns:03}".
    JsonSink& micros(std::int64_t ns) {
        number(ns / 1000);
        const auto frac = static_cast<int>(ns % 1000);
        const char digits[4] = {'.', static_cast<char>('0' + frac / 100),
                                static_cast<char>('0' + frac / 10 % 10),
                                static_cast<char>('0' + frac % 10)};
        buffer_.append(digits, sizeof digits);
        return *this;
    }

    static constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

    std::ostream& out_;
    bool epochMicros_;
    std::int64_t originNs_;
    std::string buffer_;
    std::uint64_t written_ = 0;
};

struct KernelSpec {
    std::string_view name;
    int registers;
    int sharedMemory;
    std::array<int, 3> grid;
    std::array<int, 3> block;
    std::int64_t minNs;
    std::int64_t maxNs;
    bool viaDriver; // cuBLAS(Lt) and NCCL launch through the driver API
};

// clang-format off
constexpr KernelSpec kFill{"void at::native::vectorized_elementwise_kernel<4, at::native::FillFunctor<float>, at::detail::Array<char*, 1> >(int, at::native::FillFunctor<float>, at::detail::Array<char*, 1>)",
    16, 0, {1024, 1, 1}, {128, 1, 1}, 1500, us(4), false};
constexpr KernelSpec kIndexSelect{"void at::native::(anonymous namespace)::indexSelectLargeIndex<c10::BFloat16, long, unsigned int, 2, 2, -2, true>(at::cuda::detail::TensorInfo<c10::BFloat16, unsigned int>, at::cuda::detail::TensorInfo<c10::BFloat16 const, unsigned int>, at::cuda::detail::TensorInfo<long const, unsigned int>, int, int, unsigned int, unsigned int, long)",
    32, 0, {3072, 1, 1}, {128, 1, 1}, us(6), us(18), false};
constexpr KernelSpec kLayerNorm{"void at::native::(anonymous namespace)::vectorized_layer_norm_kernel<c10::BFloat16, float>(int, float, c10::BFloat16 const*, c10::BFloat16 const*, c10::BFloat16 const*, float*, float*, c10::BFloat16*)",
    38, 0, {8192, 1, 1}, {32, 4, 1}, us(4), us(12), false};
constexpr KernelSpec kGemmQkv{"sm90_xmma_gemm_bf16bf16_bf16f32_f32_tn_n_tilesize128x128x64_warpgroupsize1x1x1_execute_segment_k_off_kernel__5x_cublas",
    168, 213248, {18, 64, 1}, {384, 1, 1}, us(30), us(90), true};
constexpr KernelSpec kGemmProj{"void cutlass::Kernel2<cutlass_80_wmma_tensorop_bf16_s161616gemm_bf16_32x32_128x2_tn_align8>(cutlass_80_wmma_tensorop_bf16_s161616gemm_bf16_32x32_128x2_tn_align8::Params)",
    88, 33792, {96, 4, 1}, {128, 1, 1}, us(8), us(25), true};
constexpr KernelSpec kGemmFc1{"sm90_xmma_gemm_bf16bf16_bf16f32_f32_tn_n_tilesize256x128x64_warpgroupsize2x1x1_execute_segment_k_off_kernel__5x_cublas",
    168, 213248, {24, 64, 1}, {384, 1, 1}, us(60), us(200), true};
constexpr KernelSpec kGemmFc2{"sm90_xmma_gemm_bf16bf16_bf16f32_f32_tn_n_tilesize128x256x64_warpgroupsize2x1x1_execute_segment_k_on_kernel__5x_cublas",
    168, 213248, {48, 16, 1}, {384, 1, 1}, us(50), us(180), true};
constexpr KernelSpec kSplitKReduce{"void splitKreduce_kernel<32, 16, int, float, __nv_bfloat16, float, __nv_bfloat16, true, false, false>(cublasSplitKParams<float>, float const*, __nv_bfloat16 const*, __nv_bfloat16*, float const*, float const*, __nv_bfloat16 const*, float const*, __nv_bfloat16*, void*, long, float*, int*)",
    32, 0, {24, 32, 1}, {32, 16, 1}, us(2), us(6), true};
constexpr KernelSpec kBmm{"ampere_bf16_s16816gemm_bf16_128x64_ldg8_f2f_stages_64x3_tn",
    238, 73728, {8, 8, 96}, {128, 1, 1}, us(10), us(40), true};
constexpr KernelSpec kMul{"void at::native::vectorized_elementwise_kernel<4, at::native::AUnaryFunctor<c10::BFloat16, c10::BFloat16, c10::BFloat16, at::native::binary_internal::MulFunctor<float> >, at::detail::Array<char*, 2> >(int, at::native::AUnaryFunctor<c10::BFloat16, c10::BFloat16, c10::BFloat16, at::native::binary_internal::MulFunctor<float> >, at::detail::Array<char*, 2>)",
    24, 0, {12288, 1, 1}, {128, 1, 1}, us(2), us(10), false};
constexpr KernelSpec kSoftmax{"void (anonymous namespace)::softmax_warp_forward<c10::BFloat16, c10::BFloat16, float, 10, false, false>(c10::BFloat16*, c10::BFloat16 const*, int, int, int, bool const*, int, bool)",
    56, 0, {24576, 1, 1}, {128, 1, 1}, us(6), us(20), false};
constexpr KernelSpec kAdd{"void at::native::vectorized_elementwise_kernel<4, at::native::CUDAFunctor_add<c10::BFloat16>, at::detail::Array<char*, 3> >(int, at::native::CUDAFunctor_add<c10::BFloat16>, at::detail::Array<char*, 3>)",
    26, 0, {6144, 1, 1}, {128, 1, 1}, us(2), us(9), false};
constexpr KernelSpec kGelu{"void at::native::vectorized_elementwise_kernel<4, at::native::GeluCUDAKernelImpl(at::TensorIteratorBase&, at::native::GeluType)::{lambda()#2}::operator()() const::{lambda()#4}::operator()() const::{lambda(c10::BFloat16)#1}, at::detail::Array<char*, 2> >(int, at::native::GeluCUDAKernelImpl(at::TensorIteratorBase&, at::native::GeluType)::{lambda()#2}::operator()() const::{lambda()#4}::operator()() const::{lambda(c10::BFloat16)#1}, at::detail::Array<char*, 2>)",
    28, 0, {24576, 1, 1}, {128, 1, 1}, us(3), us(12), false};
constexpr KernelSpec kCopy{"void at::native::unrolled_elementwise_kernel<at::native::direct_copy_kernel_cuda(at::TensorIteratorBase&)::{lambda()#3}::operator()() const::{lambda()#12}::operator()() const::{lambda(c10::BFloat16)#1}, at::detail::Array<char*, 2>, TrivialOffsetCalculator<1, unsigned int>, TrivialOffsetCalculator<1, unsigned int>, at::native::memory::LoadWithCast<1>, at::native::memory::StoreWithCast<1> >(int, at::native::direct_copy_kernel_cuda(at::TensorIteratorBase&)::{lambda()#3}::operator()() const::{lambda()#12}::operator()() const::{lambda(c10::BFloat16)#1}, at::detail::Array<char*, 2>, TrivialOffsetCalculator<1, unsigned int>, TrivialOffsetCalculator<1, unsigned int>, at::native::memory::LoadWithCast<1>, at::native::memory::StoreWithCast<1>)",
    30, 0, {16384, 1, 1}, {128, 1, 1}, us(10), us(30), false};
constexpr KernelSpec kLogSoftmax{"void at::native::(anonymous namespace)::cunn_SoftMaxForward<4, float, float, float, at::native::(anonymous namespace)::LogSoftMaxForwardEpilogue>(float*, float const*, int)",
    40, 0, {8192, 1, 1}, {1024, 1, 1}, us(30), us(80), false};
constexpr KernelSpec kNllLoss{"void at::native::(anonymous namespace)::nll_loss_forward_reduce_cuda_kernel_2d<float, long>(float*, float*, float const*, long const*, float const*, bool, long, long, long, long)",
    30, 2048, {1, 1, 1}, {1024, 1, 1}, us(6), us(14), false};
constexpr KernelSpec kNllLossBackward{"void at::native::(anonymous namespace)::nll_loss_backward_reduce_cuda_kernel_2d<float, long>(float*, float const*, long const*, float const*, float const*, bool, int, int, long, long)",
    24, 0, {1, 1, 1}, {1024, 1, 1}, us(3), us(8), false};
constexpr KernelSpec kLogSoftmaxBackward{"void at::native::(anonymous namespace)::cunn_SoftMaxBackward<4, float, float, float, at::native::(anonymous namespace)::LogSoftMaxBackwardEpilogue>(float*, float const*, float const*, long)",
    32, 0, {8192, 1, 1}, {1024, 1, 1}, us(30), us(80), false};
constexpr KernelSpec kLayerNormGradInput{"void at::native::(anonymous namespace)::layer_norm_grad_input_kernel_vectorized<c10::BFloat16, float>(c10::BFloat16 const*, c10::BFloat16 const*, float const*, float const*, c10::BFloat16 const*, c10::BFloat16*, int)",
    40, 0, {8192, 1, 1}, {128, 1, 1}, us(5), us(14), false};
constexpr KernelSpec kLayerNormGammaBeta{"void at::native::(anonymous namespace)::GammaBetaBackwardCUDAKernel_32x32<c10::BFloat16, float>(long, long, c10::BFloat16 const*, c10::BFloat16 const*, float const*, float const*, c10::BFloat16*, c10::BFloat16*)",
    64, 8448, {24, 1, 1}, {32, 32, 1}, us(6), us(18), false};
constexpr KernelSpec kGeluBackward{"void at::native::vectorized_elementwise_kernel<4, at::native::GeluBackwardCUDAKernelImpl(at::TensorIteratorBase&, at::native::GeluType)::{lambda()#2}::operator()() const::{lambda()#4}::operator()() const::{lambda(c10::BFloat16, c10::BFloat16)#1}, at::detail::Array<char*, 3> >(int, at::native::GeluBackwardCUDAKernelImpl(at::TensorIteratorBase&, at::native::GeluType)::{lambda()#2}::operator()() const::{lambda()#4}::operator()() const::{lambda(c10::BFloat16, c10::BFloat16)#1}, at::detail::Array<char*, 3>)",
    32, 0, {24576, 1, 1}, {128, 1, 1}, us(4), us(14), false};
constexpr KernelSpec kSoftmaxBackward{"void (anonymous namespace)::softmax_warp_backward<c10::BFloat16, c10::BFloat16, float, 10, false, false>(c10::BFloat16*, c10::BFloat16 const*, c10::BFloat16 const*, int, int, int, bool const*)",
    64, 0, {24576, 1, 1}, {128, 1, 1}, us(6), us(20), false};
constexpr KernelSpec kReduceSum{"void at::native::reduce_kernel<512, 1, at::native::ReduceOp<c10::BFloat16, at::native::func_wrapper_t<c10::BFloat16, at::native::sum_functor<c10::BFloat16, float, c10::BFloat16>::operator()(at::TensorIterator&)::{lambda(float, float)#1}>, unsigned int, c10::BFloat16, 4> >(at::native::ReduceOp<c10::BFloat16, at::native::func_wrapper_t<c10::BFloat16, at::native::sum_functor<c10::BFloat16, float, c10::BFloat16>::operator()(at::TensorIterator&)::{lambda(float, float)#1}>, unsigned int, c10::BFloat16, 4>)",
    40, 16, {48, 16, 1}, {32, 16, 1}, us(3), us(10), false};
constexpr KernelSpec kEmbeddingBackward{"void at::native::(anonymous namespace)::embedding_backward_feature_kernel<c10::BFloat16, float, long>(long const*, c10::BFloat16 const*, c10::BFloat16*, int, long, int)",
    40, 4352, {24, 1, 1}, {32, 32, 1}, us(30), us(90), false};
constexpr KernelSpec kForeachBinary{"void at::native::(anonymous namespace)::multi_tensor_apply_kernel<at::native::(anonymous namespace)::TensorListMetadata<2>, at::native::(anonymous namespace)::BinaryOpListAlphaFunctor<float, 2, 2, 0>, std::plus<float>, float>(at::native::(anonymous namespace)::TensorListMetadata<2>, at::native::(anonymous namespace)::BinaryOpListAlphaFunctor<float, 2, 2, 0>, std::plus<float>, float)",
    32, 0, {320, 1, 1}, {512, 1, 1}, us(4), us(20), false};
constexpr KernelSpec kForeachPointwise{"void at::native::(anonymous namespace)::multi_tensor_apply_kernel<at::native::(anonymous namespace)::TensorListMetadata<3>, at::native::(anonymous namespace)::PointwiseOpListFunctor<float, 3, 3, 0>, std::multiplies<float>, float>(at::native::(anonymous namespace)::TensorListMetadata<3>, at::native::(anonymous namespace)::PointwiseOpListFunctor<float, 3, 3, 0>, std::multiplies<float>, float)",
    32, 0, {320, 1, 1}, {512, 1, 1}, us(5), us(24), false};
constexpr KernelSpec kNcclAllReduce{"ncclDevKernel_AllReduce_Sum_bf16_RING_LL(ncclDevKernelArgsStorage<4096ul>)",
    96, 0, {16, 1, 1}, {640, 1, 1}, us(150), us(900), true};

constexpr std::string_view kDeviceProperties = R"(, "name": "NVIDIA H100 80GB HBM3", "totalGlobalMem": 85018279936,
      "computeMajor": 9, "computeMinor": 0,
      "maxThreadsPerBlock": 1024, "maxThreadsPerMultiprocessor": 2048,
      "regsPerBlock": 65536, "warpSize": 32,
      "sharedMemPerBlock": 49152, "numSms": 132,
      "regsPerMultiprocessor": 65536, "sharedMemPerBlockOptin": 232448, "sharedMemPerMultiprocessor": 233472
    })";
// clang-format on

// Autograd nodes created by the forward ops, in the order of kGrads.
enum class Grad : std::uint8_t {
    Embedding,
    LayerNorm,
    Addmm,
    Bmm,
    Mul,
    Softmax,
    Add,
    Gelu,
    LogSoftmax,
    NllLoss,
};

struct GradSpec {
    std::string_view evaluate;
    std::string_view node;
    int parameters; // AccumulateGrad calls that follow the node
};

constexpr std::array<GradSpec, 10> kGrads{{
    {"autograd::engine::evaluate_function: EmbeddingBackward0", "EmbeddingBackward0", 1},
    {"autograd::engine::evaluate_function: NativeLayerNormBackward0", "NativeLayerNormBackward0",
     2},
    {"autograd::engine::evaluate_function: AddmmBackward0", "AddmmBackward0", 2},
    {"autograd::engine::evaluate_function: BmmBackward0", "BmmBackward0", 0},
    {"autograd::engine::evaluate_function: MulBackward0", "MulBackward0", 0},
    {"autograd::engine::evaluate_function: SoftmaxBackward0", "SoftmaxBackward0", 0},
    {"autograd::engine::evaluate_function: AddBackward0", "AddBackward0", 0},
    {"autograd::engine::evaluate_function: GeluBackward0", "GeluBackward0", 0},
    {"autograd::engine::evaluate_function: LogSoftmaxBackward0", "LogSoftmaxBackward0", 0},
    {"autograd::engine::evaluate_function: NllLossBackward0", "NllLossBackward0", 0},
}};

const GradSpec& gradSpec(Grad grad) {
    return kGrads[static_cast<std::size_t>(grad)];
}

// record_shapes=True args of the frequent forward ops (GPT-2 small, batch 8, sequence 1024, bf16),
// each ending in ", " because "Ev Idx" follows.
struct OpShapes {
    std::string_view op;
    std::string_view args;
};

// clang-format off
constexpr std::array<OpShapes, 17> kOpShapes{{
    {"aten::linear", R"("Input Dims": [[8, 1024, 768], [768, 768], [768]], "Input type": ["c10::BFloat16", "c10::BFloat16", "c10::BFloat16"], )"},
    {"aten::addmm", R"("Input Dims": [[768], [8192, 768], [768, 768], [], []], "Input type": ["c10::BFloat16", "c10::BFloat16", "c10::BFloat16", "Scalar", "Scalar"], )"},
    {"aten::t", R"("Input Dims": [[768, 768]], "Input type": ["c10::BFloat16"], )"},
    {"aten::transpose", R"("Input Dims": [[768, 768], [], []], "Input type": ["c10::BFloat16", "Scalar", "Scalar"], )"},
    {"aten::as_strided", R"("Input Dims": [[768, 768], [], [], []], "Input type": ["c10::BFloat16", "ScalarList", "ScalarList", ""], )"},
    {"aten::layer_norm", R"("Input Dims": [[8, 1024, 768], [], [768], [768], [], []], "Input type": ["c10::BFloat16", "ScalarList", "c10::BFloat16", "c10::BFloat16", "Scalar", "Scalar"], )"},
    {"aten::native_layer_norm", R"("Input Dims": [[8, 1024, 768], [], [768], [768], []], "Input type": ["c10::BFloat16", "ScalarList", "c10::BFloat16", "c10::BFloat16", "Scalar"], )"},
    {"aten::gelu", R"("Input Dims": [[8, 1024, 3072], []], "Input type": ["c10::BFloat16", "std::string"], )"},
    {"aten::add", R"("Input Dims": [[8, 1024, 768], [8, 1024, 768], []], "Input type": ["c10::BFloat16", "c10::BFloat16", "Scalar"], )"},
    {"aten::mul", R"("Input Dims": [[96, 1024, 1024], []], "Input type": ["c10::BFloat16", "Scalar"], )"},
    {"aten::matmul", R"("Input Dims": [[96, 1024, 64], [96, 64, 1024]], "Input type": ["c10::BFloat16", "c10::BFloat16"], )"},
    {"aten::bmm", R"("Input Dims": [[96, 1024, 64], [96, 64, 1024]], "Input type": ["c10::BFloat16", "c10::BFloat16"], )"},
    {"aten::softmax", R"("Input Dims": [[96, 1024, 1024], [], []], "Input type": ["c10::BFloat16", "Scalar", ""], )"},
    {"aten::_softmax", R"("Input Dims": [[96, 1024, 1024], [], []], "Input type": ["c10::BFloat16", "Scalar", "Scalar"], )"},
    {"aten::mm", R"("Input Dims": [[8192, 768], [768, 768]], "Input type": ["c10::BFloat16", "c10::BFloat16"], )"},
    {"aten::sum", R"("Input Dims": [[8192, 768], [], [], []], "Input type": ["c10::BFloat16", "ScalarList", "Scalar", ""], )"},
    {"aten::embedding", R"("Input Dims": [[50304, 768], [8, 1024], [], [], []], "Input type": ["c10::BFloat16", "long int", "Scalar", "Scalar", "Scalar"], )"},
}};
// clang-format on

std::string_view inputShapes(std::string_view op) {
    for (const OpShapes& s : kOpShapes) {
        if (s.op == op) {
            return s.args;
        }
    }
    return {};
}

enum class Cat : std::uint8_t {
    CpuOp,
    UserAnnotation,
    PythonFunction,
    CudaRuntime,
    CudaDriver,
    Kernel,
    GpuMemcpy,
    GpuMemset,
    GpuUserAnnotation,
};

constexpr std::array<std::string_view, 9> kCatNames{
    "cpu_op", "user_annotation", "python_function", "cuda_runtime",        "cuda_driver",
    "kernel", "gpu_memcpy",      "gpu_memset",      "gpu_user_annotation",
};

constexpr bool onDevice(Cat cat) {
    return cat >= Cat::Kernel;
}

struct HostArgs {
    std::uint64_t externalId = 0;
    std::uint64_t evIdx = 0;
    std::uint64_t sequence = 0; // 0: the op creates no autograd node
    int fwdThread = 0;
    bool recordFunction = false;
    std::string_view shapes; // from kOpShapes, cpu_op only
};

struct PythonArgs {
    std::uint64_t parentId = 0;
    std::uint64_t id = 0;
    std::uint64_t evIdx = 0;
};

struct ApiArgs {
    std::uint64_t externalId = 0;
    std::uint64_t correlation = 0;
    int cbid = 0;
};

struct KernelArgs {
    std::uint64_t externalId = 0;
    std::uint64_t correlation = 0;
    int stream = 0;
    const KernelSpec* spec = nullptr;
};

struct CopyArgs { // gpu_memcpy and gpu_memset
    std::uint64_t externalId = 0;
    std::uint64_t correlation = 0;
    int stream = 0;
    std::uint64_t bytes = 0;
};

struct GpuAnnotationArgs {
    std::uint64_t externalId = 0;
};

using SliceArgs =
    std::variant<HostArgs, PythonArgs, ApiArgs, KernelArgs, CopyArgs, GpuAnnotationArgs>;

struct Slice {
    Cat cat{};
    std::int32_t tid = 0;
    std::string_view name;
    std::int64_t nameNumber = -1; // appended to name when >= 0: "ProfilerStep#" 12
    std::int64_t ts = 0;
    std::int64_t dur = 0;
    SliceArgs args;
};

enum class FlowKind : std::uint8_t { Ac2g, FwdBwd };

struct Flow {
    FlowKind kind{};
    bool start = true;
    bool device = false;
    std::int32_t tid = 0;
    std::int64_t ts = 0;
    std::uint64_t id = 0;
};

struct MemoryInstant {
    std::int32_t tid = 0;
    std::int64_t ts = 0;
    std::int64_t bytes = 0;
    std::uint64_t allocated = 0;
    std::uint64_t reserved = 0;
    std::uint64_t addr = 0;
    std::uint64_t evIdx = 0;
};

struct Counter {
    std::int64_t ts = 0;
    double utilization = 0;
};

using Event = std::variant<Slice, Flow, MemoryInstant, Counter>;

// Serializes events in libkineto's ChromeTraceLogger layout and counts what it wrote.
class TraceWriter {
public:
    TraceWriter(JsonSink& sink, std::int64_t pid) : sink_(sink), pid_(pid) {}

    void write(const Event& event) {
        begin();
        std::visit([this](const auto& e) { body(e); }, event);
        sink_.text("\n  }");
    }

    void metadata(std::string_view pid, std::int64_t tid, std::string_view name,
                  std::string_view key, std::string_view value) {
        begin();
        sink_.text("    \"name\": \"").text(name).text("\", \"ph\": \"M\", \"ts\": ").timestamp(0);
        sink_.text(", \"pid\": ").text(pid).text(", \"tid\": ").number(tid);
        sink_.text(",\n    \"args\": {\n      \"").text(key).text("\": ").text(value);
        sink_.text("\n    }\n  }");
        ++stats_.metadata;
    }

    void traceSpan(std::int64_t dur) {
        begin();
        sink_.text("    \"ph\": \"X\", \"cat\": \"Trace\", \"ts\": ").timestamp(0);
        sink_.text(", \"dur\": ").duration(0, dur);
        sink_.text(",\n    \"pid\": \"Spans\", \"tid\": \"PyTorch Profiler\",\n");
        sink_.text("    \"name\": \"PyTorch Profiler (0)\",\n");
        sink_.text("    \"args\": {\n      \"Op count\": 0\n    }\n  }");
        ++stats_.completeEvents;
    }

    void globalInstant(std::string_view name, std::string_view pid, std::string_view tid,
                       std::int64_t ts) {
        begin();
        sink_.text("    \"name\": \"").text(name).text("\", \"ph\": \"i\", \"s\": \"g\",\n");
        sink_.text("    \"pid\": \"").text(pid).text("\", \"tid\": \"").text(tid);
        sink_.text("\", \"ts\": ").timestamp(ts).text("\n  }");
        ++stats_.instants;
    }

    const SyntheticTraceStats& stats() const { return stats_; }

private:
    void begin() {
        sink_.flushIfFull();
        sink_.text(stats_.events == 0 ? "\n  {\n" : ",\n  {\n");
        ++stats_.events;
    }

    void body(const Slice& e) {
        sink_.text("    \"ph\": \"X\", \"cat\": \"").text(kCatNames[static_cast<int>(e.cat)]);
        sink_.text("\", \"name\": \"").text(e.name);
        if (e.nameNumber >= 0) {
            sink_.number(e.nameNumber);
        }
        sink_.text("\", \"pid\": ").number(onDevice(e.cat) ? 0 : pid_);
        sink_.text(", \"tid\": ").number(e.tid).text(",\n    \"ts\": ").timestamp(e.ts);
        sink_.text(", \"dur\": ").duration(e.ts, e.dur).text(",\n    \"args\": {\n      ");
        std::visit([&](const auto& a) { args(a, e); }, e.args);
        sink_.text("\n    }");
        ++stats_.completeEvents;
    }

    void body(const Flow& e) {
        sink_.text(e.start ? "    \"ph\": \"s\", \"id\": " : "    \"ph\": \"f\", \"id\": ");
        sink_.number(e.id).text(", \"pid\": ").number(e.device ? 0 : pid_);
        sink_.text(", \"tid\": ").number(e.tid).text(", \"ts\": ").timestamp(e.ts);
        sink_.text(e.kind == FlowKind::Ac2g ? ",\n    \"cat\": \"ac2g\", \"name\": \"ac2g\""
                                            : ",\n    \"cat\": \"fwdbwd\", \"name\": \"fwdbwd\"");
        if (e.start) {
            ++stats_.flowStarts;
        } else {
            // Kineto binds flow ends to the enclosing slice; starts bind implicitly.
            sink_.text(", \"bp\": \"e\"");
            ++stats_.flowEnds;
        }
    }

    void body(const MemoryInstant& e) {
        sink_.text("    \"ph\": \"i\", \"cat\": \"cpu_instant_event\", \"s\": \"t\", ");
        sink_.text("\"name\": \"[memory]\",\n    \"pid\": ").number(pid_);
        sink_.text(", \"tid\": ").number(e.tid).text(",\n    \"ts\": ").timestamp(e.ts);
        sink_.text(",\n    \"args\": {\n      \"Total Reserved\": ").number(e.reserved);
        sink_.text(", \"Total Allocated\": ").number(e.allocated);
        sink_.text(", \"Bytes\": ").number(e.bytes).text(", \"Addr\": ").number(e.addr);
        sink_.text(", \"Device Id\": 0, \"Device Type\": 1, \"Ev Idx\": ").number(e.evIdx);
        sink_.text("\n    }");
        ++stats_.instants;
    }

    // tb_plugin's GPU utilization counter shape.
    void body(const Counter& e) {
        sink_.text("    \"ph\": \"C\", \"name\": \"GPU 0 Utilization\", \"pid\": 0, \"ts\": ");
        sink_.timestamp(e.ts).text(",\n    \"args\": {\n      \"GPU Utilization\": ");
        sink_.shortest(e.utilization).text("\n    }");
        ++stats_.counters;
    }

    // Kineto omits the space after the first comma of cpu_op args; kept so readers meet it.
    void args(const HostArgs& a, const Slice&) {
        sink_.text("\"External id\": ").number(a.externalId).text(",");
        if (a.recordFunction) {
            sink_.text("\"Record function id\": 0, ");
        }
        if (a.sequence != 0) {
            sink_.text("\"Sequence number\": ").number(a.sequence);
            sink_.text(", \"Fwd thread id\": ").number(a.fwdThread).text(", ");
        }
        sink_.text(a.shapes).text("\"Ev Idx\": ").number(a.evIdx);
    }

    void args(const PythonArgs& a, const Slice&) {
        sink_.text("\"Python parent id\": ").number(a.parentId);
        sink_.text(", \"Python id\": ").number(a.id).text(", \"Ev Idx\": ").number(a.evIdx);
    }

    void args(const ApiArgs& a, const Slice&) {
        sink_.text("\"External id\": ").number(a.externalId).text(", \"cbid\": ").number(a.cbid);
        sink_.text(", \"correlation\": ").number(a.correlation);
        if (a.cbid == kCbidLaunchKernel || a.cbid == kCbidCuLaunchKernel) {
            ++stats_.launches;
        }
    }

    void args(const KernelArgs& a, const Slice&) {
        const KernelSpec& k = *a.spec;
        const int blocks = k.grid[0] * k.grid[1] * k.grid[2];
        const int warpsPerBlock = (k.block[0] * k.block[1] * k.block[2] + 31) / 32;
        const double blocksPerSm = static_cast<double>(blocks) / kNumSms;
        const double warpsPerSm = blocksPerSm * warpsPerBlock;
        // 64 resident warps per SM on sm_90.
        const int occupancy = static_cast<int>(std::min(100.0, warpsPerSm * 100.0 / 64.0) + 0.5);
        sink_.text("\"External id\": ").number(a.externalId);
        sink_.text(", \"queued\": 0, \"device\": 0, \"context\": 1, \"stream\": ").number(a.stream);
        sink_.text(", \"correlation\": ").number(a.correlation);
        sink_.text(", \"registers per thread\": ").number(k.registers);
        sink_.text(", \"shared memory\": ").number(k.sharedMemory);
        sink_.text(", \"blocks per SM\": ").fixed6(blocksPerSm);
        sink_.text(", \"warps per SM\": ").fixed6(warpsPerSm);
        dims(", \"grid\": [", k.grid);
        dims(", \"block\": [", k.block);
        sink_.text(", \"est. achieved occupancy %\": ").number(occupancy);
        ++stats_.kernels;
    }

    void args(const CopyArgs& a, const Slice& e) {
        sink_.text("\"External id\": ").number(a.externalId);
        sink_.text(", \"device\": 0, \"context\": 1, \"stream\": ").number(a.stream);
        sink_.text(", \"correlation\": ").number(a.correlation);
        sink_.text(", \"bytes\": ").number(a.bytes).text(", \"memory bandwidth (GB/s)\": ");
        sink_.shortest(static_cast<double>(a.bytes) /
                       static_cast<double>(std::max<std::int64_t>(e.dur, 1)));
    }

    void args(const GpuAnnotationArgs& a, const Slice&) {
        sink_.text("\"External id\": ").number(a.externalId);
    }

    void dims(std::string_view key, const std::array<int, 3>& d) {
        sink_.text(key).number(d[0]).text(", ").number(d[1]).text(", ").number(d[2]).text("]");
    }

    JsonSink& sink_;
    std::int64_t pid_;
    SyntheticTraceStats stats_;
};

struct HostThread {
    std::int32_t tid = 0;
    std::int64_t clock = 0;
    std::vector<std::size_t> open;          // step-buffer indices of open slices
    std::vector<std::uint64_t> externalIds; // of open cpu_op / user_annotation, innermost last
    std::vector<std::uint64_t> pythonIds;   // of open python_function frames
};

struct Stream {
    std::int32_t tid = 0;
    std::int64_t busyUntil = 0;
};

struct BackwardItem {
    Grad grad{};
    std::uint64_t sequence = 0;
    std::uint64_t flowId = 0;
    int layer = -1;
    const KernelSpec* gemm = nullptr; // forward gemm, reused for the gradient gemms
};

// A user annotation mirrored on the compute stream as gpu_user_annotation.
struct GpuSpan {
    std::string_view name;
    std::int64_t number = -1;
    std::uint64_t externalId = 0;
    std::int64_t firstTs = -1;
};

struct OpTags {
    std::uint64_t sequence = 0; // autograd sequence number, 0 for none
    int fwdThread = 0;
    bool recordFunction = false;
};

// Simulates a training loop of a 12-layer transformer and buffers one ProfilerStep at a time:
// parents are written before their children (as Kineto does), so their durations must be known.
class Generator {
public:
    Generator(std::ostream& out, const SyntheticTraceOptions& options)
        : options_(options), rng_(options.seed), pid_(rng_.between(1000, 4'000'000)),
          origin_(rng_.between(100'000'000'000'000, 2'000'000'000'000'000)),
          sink_(out, options.absoluteEpochTimestamps,
                options.absoluteEpochTimestamps ? kBaseTimeNs + origin_ : origin_),
          writer_(sink_, pid_) {
        std::int32_t tid = static_cast<std::int32_t>(pid_);
        for (int i = 0; i < options.hostThreads; ++i) {
            threads_.push_back(HostThread{tid, 0, {}, {}, {}});
            tid += static_cast<std::int32_t>(rng_.between(1, 90));
        }
        for (int i = 0; i < options.gpuStreams; ++i) {
            streams_.push_back(Stream{7 + i, 0});
        }
        correlation_ = static_cast<std::uint64_t>(rng_.between(1000, 200'000));
        sequence_ = static_cast<std::uint64_t>(rng_.between(0, 50'000));
        pythonId_ = static_cast<std::uint64_t>(rng_.between(10, 100'000));
        pythonRoot_ = pythonId_;
        stepNumber_ = rng_.between(1, 20);
    }

    SyntheticTraceStats run() {
        writeHeader();
        writeMetadata();
        orphanKernel();
        threads_[0].clock = rng_.between(us(300), us(600));
        while (writer_.stats().events + kTraceTailEvents < options_.events) {
            step();
            flushStep();
        }
        writeTail();
        sink_.flush();
        SyntheticTraceStats stats = writer_.stats();
        stats.bytes = sink_.bytes();
        return stats;
    }

private:
    // Trace span, its sort index and the two global instants.
    static constexpr std::uint64_t kTraceTailEvents = 4;
    // Measured averages, used to end the last step close to the requested event count.
    static constexpr std::uint64_t kBackwardEventsPerLayer = 210;
    static constexpr std::uint64_t kStepTailEvents = 240;

    HostThread& mainThread() { return threads_[0]; }
    HostThread& backwardThread() { return threads_[threads_.size() > 1 ? 1 : 0]; }
    Slice& slice(std::size_t index) { return std::get<Slice>(events_[index]); }

    // ---- header, metadata and tail

    void writeHeader() {
        sink_.text("{\n  \"schemaVersion\": 1,\n  \"deviceProperties\": [");
        for (int id = 0; id < 2; ++id) {
            sink_.text(id == 0 ? "\n    {\n" : ",\n    {\n");
            sink_.text("      \"id\": ").number(id).text(kDeviceProperties);
        }
        sink_.text("\n  ],\n  \"cupti_version\": 24,\n  \"cuda_runtime_version\": 12060,\n");
        sink_.text("  \"cuda_driver_version\": 12080,\n");
        sink_.text(
            "  \"distributedInfo\": {\"backend\": \"nccl\", \"rank\": 0, \"world_size\": 2},\n");
        sink_.text("  \"displayTimeUnit\": \"ms\",\n");
        if (!options_.absoluteEpochTimestamps) {
            sink_.text("  \"baseTimeNanoseconds\": ").number(kBaseTimeNs).text(",\n");
        }
        sink_.text("  \"traceEvents\": [");
    }

    void writeMetadata() {
        const std::string pid = std::to_string(pid_);
        writer_.metadata(pid, 0, "process_name", "name", "\"python\"");
        writer_.metadata(pid, 0, "process_labels", "labels", "\"CPU\"");
        writer_.metadata(pid, 0, "process_sort_index", "sort_index", pid);
        writer_.metadata("0", 0, "process_name", "name", "\"python\"");
        writer_.metadata("0", 0, "process_labels", "labels", "\"GPU 0\"");
        writer_.metadata("0", 0, "process_sort_index", "sort_index", "5000000");
        for (std::size_t i = 0; i < threads_.size(); ++i) {
            const std::int32_t tid = threads_[i].tid;
            const std::string_view comm = i == 1 ? "pt_autograd_0" : "python";
            const std::string name =
                "\"thread " + std::to_string(tid) + " (" + std::string(comm) + ")\"";
            writer_.metadata(pid, tid, "thread_name", "name", name);
            writer_.metadata(pid, tid, "thread_sort_index", "sort_index", std::to_string(tid));
        }
        for (const Stream& s : streams_) {
            // The trailing space is Kineto's.
            const std::string name = "\"stream " + std::to_string(s.tid) + " \"";
            writer_.metadata("0", s.tid, "thread_name", "name", name);
            writer_.metadata("0", s.tid, "thread_sort_index", "sort_index", std::to_string(s.tid));
        }
    }

    // A kernel launched just before the profiling window opened: its flow end has no start.
    void orphanKernel() {
        const std::int64_t ts = rng_.between(us(2), us(10));
        const std::int64_t dur = rng_.between(kFill.minNs, kFill.maxNs);
        const std::uint64_t correlation = correlation_ - 3;
        Stream& s = streams_[0];
        events_.push_back(Slice{Cat::Kernel, s.tid, kFill.name, -1, ts, dur,
                                KernelArgs{0, correlation, s.tid, &kFill}});
        events_.push_back(Flow{FlowKind::Ac2g, false, true, s.tid, ts, correlation});
        s.busyUntil = ts + dur;
        flushStep();
    }

    void writeTail() {
        std::int64_t end = 0;
        for (const HostThread& t : threads_) {
            end = std::max(end, t.clock);
        }
        for (const Stream& s : streams_) {
            end = std::max(end, s.busyUntil);
        }
        const std::int64_t spanEnd = end + rng_.between(us(50), us(300));
        writer_.traceSpan(spanEnd);
        writer_.metadata("\"Spans\"", 0, "process_sort_index", "sort_index", "536870912");
        writer_.globalInstant("Iteration Start: PyTorch Profiler", "Traces",
                              "Trace PyTorch Profiler", 0);
        writer_.globalInstant("Record Window End", "", "",
                              spanEnd + rng_.between(us(100), us(2000)));
        sink_.text("\n  ],\n  \"traceName\": \"/tmp/libkineto_activities_").number(pid_);
        sink_.text(".json\"\n}\n");
    }

    void flushStep() {
        for (const Event& e : events_) {
            writer_.write(e);
        }
        events_.clear();
    }

    // ---- host-side primitives

    void open(HostThread& t, Slice s) {
        s.tid = t.tid;
        s.ts = t.clock + rng_.between(200, 1200);
        t.clock = s.ts + rng_.between(1500, us(5));
        t.open.push_back(events_.size());
        events_.push_back(std::move(s));
    }

    void close(HostThread& t) {
        Slice& s = slice(t.open.back());
        t.clock += rng_.between(500, us(2));
        s.dur = t.clock - s.ts;
        t.open.pop_back();
    }

    std::int64_t openTs(const HostThread& t) { return slice(t.open.back()).ts; }

    template <typename Body>
    void hostScope(HostThread& t, Cat cat, std::string_view name, std::int64_t number, OpTags tags,
                   Body&& body) {
        const HostArgs args{++externalId_,       evIdx_++,
                            tags.sequence,       tags.fwdThread,
                            tags.recordFunction, cat == Cat::CpuOp ? inputShapes(name) : ""};
        open(t, Slice{cat, 0, name, number, 0, 0, args});
        t.externalIds.push_back(args.externalId);
        body();
        t.externalIds.pop_back();
        close(t);
    }

    template <typename Body>
    void op(HostThread& t, std::string_view name, OpTags tags, Body&& body) {
        hostScope(t, Cat::CpuOp, name, -1, tags, body);
    }

    template <typename Body> void op(HostThread& t, std::string_view name, Body&& body) {
        op(t, name, OpTags{}, body);
    }

    void leaf(HostThread& t, std::string_view name, std::int64_t lo = 800,
              std::int64_t hi = us(5)) {
        op(t, name, [&] { t.clock += rng_.between(lo, hi); });
    }

    template <typename Body> void annotation(HostThread& t, std::string_view name, Body&& body) {
        hostScope(t, Cat::UserAnnotation, name, -1, OpTags{}, body);
    }

    // A user annotation that Kineto also shows on the GPU stream, spanning the GPU work it issued.
    template <typename Body>
    void gpuAnnotation(HostThread& t, std::string_view name, std::int64_t number, Body&& body) {
        // Only the numbered ProfilerStep carries Kineto's "Record function id".
        const OpTags tags{0, 0, number >= 0};
        hostScope(t, Cat::UserAnnotation, name, number, tags, [&] {
            spans_.push_back(GpuSpan{name, number, t.externalIds.back(), -1});
            body();
            closeGpuSpan();
        });
    }

    void closeGpuSpan() {
        const GpuSpan span = spans_.back();
        spans_.pop_back();
        if (span.firstTs < 0) {
            return;
        }
        // Kineto widens GPU annotations by 1 ns on each side.
        const Stream& s = streams_[0];
        events_.push_back(Slice{Cat::GpuUserAnnotation, s.tid, span.name, span.number,
                                span.firstTs - 1, s.busyUntil - span.firstTs + 2,
                                GpuAnnotationArgs{span.externalId}});
    }

    template <typename Body>
    void pyFrame(HostThread& t, std::string_view name, std::int64_t number, Body&& body) {
        const std::uint64_t parent = t.pythonIds.empty() ? pythonRoot_ : t.pythonIds.back();
        const std::uint64_t id = ++pythonId_;
        open(t,
             Slice{Cat::PythonFunction, 0, name, number, 0, 0, PythonArgs{parent, id, evIdx_++}});
        t.pythonIds.push_back(id);
        body();
        t.pythonIds.pop_back();
        close(t);
    }

    template <typename Body> void pyFrame(HostThread& t, std::string_view name, Body&& body) {
        pyFrame(t, name, -1, body);
    }

    // with_stack traces wrap module calls in Python frames; emitted for some calls only so both
    // shapes of tree appear.
    template <typename Body>
    void withModule(HostThread& t, int percent, std::string_view moduleName, std::int64_t number,
                    std::string_view forward, Body&& body) {
        if (!rng_.chance(percent)) {
            body();
            return;
        }
        pyFrame(t, "torch/nn/modules/module.py(1747): _call_impl",
                [&] { pyFrame(t, moduleName, number, [&] { pyFrame(t, forward, body); }); });
    }

    // Interpreter time between two top-level ops.
    void idle(HostThread& t) { t.clock += rng_.between(us(4), us(20)); }

    void allocate(HostThread& t, std::int64_t bytes) {
        allocated_ = static_cast<std::uint64_t>(static_cast<std::int64_t>(allocated_) + bytes);
        const std::uint64_t granule = std::uint64_t{2} << 20;
        reserved_ = std::max(reserved_, (allocated_ + granule - 1) / granule * granule);
        const std::uint64_t addr =
            0x7f3a00000000ULL + static_cast<std::uint64_t>(rng_.between(0, 1 << 22)) * 512;
        events_.push_back(
            MemoryInstant{t.tid, t.clock, bytes, allocated_, reserved_, addr, evIdx_++});
    }

    void maybeAllocate(HostThread& t) {
        if (rng_.chance(40)) {
            allocate(t, rng_.between(1, 96) * 512 * 1024);
        }
    }

    void maybeFree(HostThread& t) {
        if (!rng_.chance(40) || allocated_ <= kBaselineBytes) {
            return;
        }
        const std::int64_t available = static_cast<std::int64_t>(allocated_ - kBaselineBytes);
        allocate(t, -std::min(available, rng_.between(1, 96) * 512 * 1024));
    }

    // ---- CUDA calls and the GPU side

    std::uint64_t nextCorrelation() {
        // CUPTI also numbers runtime calls the profiler drops (cudaGetDevice and friends).
        correlation_ += rng_.chance(30) ? static_cast<std::uint64_t>(rng_.between(2, 5)) : 1;
        return correlation_;
    }

    std::int64_t launchCost() {
        return rng_.chance(2) ? rng_.between(us(20), us(80)) : rng_.between(us(3), us(9));
    }

    // Pushes the runtime/driver call and its ac2g flow start; the caller sets the duration.
    std::size_t beginApi(HostThread& t, Cat cat, std::string_view name, int cbid,
                         std::uint64_t correlation) {
        const std::int64_t ts = t.clock + rng_.between(300, 1500);
        const std::size_t index = events_.size();
        events_.push_back(
            Slice{cat, t.tid, name, -1, ts, 0, ApiArgs{t.externalIds.back(), correlation, cbid}});
        events_.push_back(Flow{FlowKind::Ac2g, true, false, t.tid, ts, correlation});
        return index;
    }

    void endApi(HostThread& t, std::size_t index, std::int64_t dur) {
        Slice& s = slice(index);
        s.dur = dur;
        t.clock = s.ts + dur;
    }

    // Queues GPU work issued at `issueTs`; returns its start. A stream runs one op at a time.
    std::int64_t enqueue(int streamIndex, std::int64_t issueTs, std::int64_t dur) {
        Stream& s = streams_[static_cast<std::size_t>(streamIndex)];
        const std::int64_t latency = rng_.between(us(2), us(6));
        const std::int64_t gap = rng_.between(600, 2500);
        const std::int64_t start = std::max(issueTs + latency, s.busyUntil + gap);
        s.busyUntil = start + dur;
        if (streamIndex == 0) {
            stepBusy_ += dur;
            for (GpuSpan& span : spans_) {
                if (span.firstTs < 0) {
                    span.firstTs = start;
                }
            }
        }
        return start;
    }

    void pushDeviceOp(Cat cat, std::string_view name, int streamIndex, std::int64_t start,
                      std::int64_t dur, SliceArgs args, std::uint64_t correlation) {
        const std::int32_t tid = streams_[static_cast<std::size_t>(streamIndex)].tid;
        events_.push_back(Slice{cat, tid, name, -1, start, dur, std::move(args)});
        events_.push_back(Flow{FlowKind::Ac2g, false, true, tid, start, correlation});
    }

    std::int64_t kernelDuration(const KernelSpec& k) {
        const std::int64_t dur = rng_.between(k.minNs, k.maxNs);
        return rng_.chance(2) ? dur * 3 : dur; // occasional slow instance (clocks, contention)
    }

    void launch(HostThread& t, const KernelSpec& k, int streamIndex = 0) {
        const std::uint64_t correlation = nextCorrelation();
        const std::size_t api =
            k.viaDriver
                ? beginApi(t, Cat::CudaDriver, "cuLaunchKernel", kCbidCuLaunchKernel, correlation)
                : beginApi(t, Cat::CudaRuntime, "cudaLaunchKernel", kCbidLaunchKernel, correlation);
        const std::int64_t dur = kernelDuration(k);
        const std::int32_t tid = streams_[static_cast<std::size_t>(streamIndex)].tid;
        const std::int64_t start = enqueue(streamIndex, slice(api).ts, dur);
        pushDeviceOp(Cat::Kernel, k.name, streamIndex, start, dur,
                     KernelArgs{t.externalIds.back(), correlation, tid, &k}, correlation);
        endApi(t, api, launchCost());
    }

    // Pageable copies block the host until the copy is done.
    void copy(HostThread& t, std::string_view name, std::int64_t bytes, std::int64_t bytesPerUs) {
        const std::uint64_t correlation = nextCorrelation();
        const std::size_t api =
            beginApi(t, Cat::CudaRuntime, "cudaMemcpyAsync", kCbidMemcpyAsync, correlation);
        const std::int64_t dur = us(1) + bytes * 1000 / bytesPerUs;
        const std::int64_t start = enqueue(0, slice(api).ts, dur);
        pushDeviceOp(Cat::GpuMemcpy, name, 0, start, dur,
                     CopyArgs{t.externalIds.back(), correlation, streams_[0].tid,
                              static_cast<std::uint64_t>(bytes)},
                     correlation);
        const std::int64_t wake = rng_.between(us(1), us(3));
        const std::int64_t cost = launchCost();
        endApi(t, api, std::max(cost, start + dur + wake - slice(api).ts));
    }

    void memset(HostThread& t, std::int64_t bytes) {
        const std::uint64_t correlation = nextCorrelation();
        const std::size_t api =
            beginApi(t, Cat::CudaRuntime, "cudaMemsetAsync", kCbidMemsetAsync, correlation);
        const std::int64_t dur = us(1) + bytes / rng_.between(2000, 3000); // 2-3 TB/s
        const std::int64_t start = enqueue(0, slice(api).ts, dur);
        pushDeviceOp(Cat::GpuMemset, "Memset (Device)", 0, start, dur,
                     CopyArgs{t.externalIds.back(), correlation, streams_[0].tid,
                              static_cast<std::uint64_t>(bytes)},
                     correlation);
        endApi(t, api, launchCost());
    }

    // Without cuda_sync events Kineto records only the host call: its ac2g flow has no end.
    void streamSync(HostThread& t) {
        const std::size_t api = beginApi(t, Cat::CudaRuntime, "cudaStreamSynchronize",
                                         kCbidStreamSynchronize, nextCorrelation());
        const std::int64_t minimum = rng_.between(1500, us(3));
        const std::int64_t wake = rng_.between(us(1), us(3));
        endApi(t, api, std::max(minimum, streams_[0].busyUntil + wake - slice(api).ts));
    }

    // The compute stream waits for the NCCL streams (cudaStreamWaitEvent) before the optimizer.
    void joinStreams() {
        for (const Stream& s : streams_) {
            streams_[0].busyUntil = std::max(streams_[0].busyUntil, s.busyUntil);
        }
    }

    // ---- forward pass

    // An op that records an autograd node: `outer` (optional) and `inner` share the sequence
    // number, and the fwdbwd flow starts on `inner` as in real traces.
    template <typename Body>
    void gradOp(HostThread& t, std::string_view outer, std::string_view inner, Grad grad,
                const KernelSpec* gemm, Body&& body) {
        const OpTags tags{++sequence_, 0, false};
        auto node = [&] {
            op(t, inner, tags, [&] {
                const std::uint64_t flowId = ++fwdbwdFlow_;
                events_.push_back(Flow{FlowKind::FwdBwd, true, false, t.tid, openTs(t), flowId});
                backward_.push_back(BackwardItem{grad, tags.sequence, flowId, layer_, gemm});
                body();
                maybeAllocate(t);
            });
        };
        if (outer.empty()) {
            node();
        } else {
            op(t, outer, tags, node);
        }
    }

    void elementwise(HostThread& t, std::string_view name, Grad grad, const KernelSpec& k) {
        idle(t);
        gradOp(t, {}, name, grad, nullptr, [&] { launch(t, k); });
    }

    void layerNorm(HostThread& t, int number) {
        idle(t);
        withModule(t, 25, "nn.Module: LayerNorm_", number,
                   "torch/nn/modules/normalization.py(217): forward", [&] {
                       gradOp(t, "aten::layer_norm", "aten::native_layer_norm", Grad::LayerNorm,
                              nullptr, [&] { launch(t, kLayerNorm); });
                   });
    }

    void linear(HostThread& t, const KernelSpec& gemm, int number) {
        idle(t);
        withModule(
            t, 33, "nn.Module: Linear_", number, "torch/nn/modules/linear.py(125): forward", [&] {
                op(t, "aten::linear", [&] {
                    op(t, "aten::t",
                       [&] { op(t, "aten::transpose", [&] { leaf(t, "aten::as_strided"); }); });
                    gradOp(t, {}, "aten::addmm", Grad::Addmm, &gemm, [&] {
                        launch(t, gemm);
                        if (&gemm == &kGemmProj && rng_.chance(30)) {
                            launch(t, kSplitKReduce);
                        }
                    });
                });
            });
    }

    void batchedMatmul(HostThread& t) {
        idle(t);
        gradOp(t, "aten::matmul", "aten::bmm", Grad::Bmm, &kBmm, [&] { launch(t, kBmm); });
    }

    void attention(HostThread& t) {
        idle(t);
        op(t, "aten::reshape", [&] { leaf(t, "aten::view"); });
        op(t, "aten::transpose", [&] { leaf(t, "aten::as_strided"); });
        batchedMatmul(t);
        elementwise(t, "aten::mul", Grad::Mul, kMul);
        idle(t);
        gradOp(t, "aten::softmax", "aten::_softmax", Grad::Softmax, nullptr,
               [&] { launch(t, kSoftmax); });
        batchedMatmul(t);
    }

    void transformerBlock(HostThread& t, int layer) {
        layer_ = layer;
        if (rng_.chance(3)) {
            t.clock += rng_.between(us(100), us(1500)); // GC pause or a slow Python path
        }
        withModule(t, 50, "nn.Module: TransformerBlock_", layer, "model.py(88): forward", [&] {
            layerNorm(t, 2 * layer);
            linear(t, kGemmQkv, 4 * layer);
            attention(t);
            linear(t, kGemmProj, 4 * layer + 1);
            elementwise(t, "aten::add", Grad::Add, kAdd);
            layerNorm(t, 2 * layer + 1);
            linear(t, kGemmFc1, 4 * layer + 2);
            elementwise(t, "aten::gelu", Grad::Gelu, kGelu);
            linear(t, kGemmFc2, 4 * layer + 3);
            elementwise(t, "aten::add", Grad::Add, kAdd);
        });
        layer_ = -1;
    }

    void loadBatch(HostThread& t) {
        annotation(t, "enumerate(DataLoader)#_SingleProcessDataLoaderIter.__next__",
                   [&] { op(t, "aten::stack", [&] { leaf(t, "aten::cat", us(20), us(150)); }); });
        idle(t);
        op(t, "aten::to", [&] {
            op(t, "aten::_to_copy", [&] {
                leaf(t, "aten::empty_strided");
                op(t, "aten::copy_",
                   [&] { copy(t, "Memcpy HtoD (Pageable -> Device)", 65536, 6000); });
            });
        });
    }

    bool stepBudgetReached(int layers) const {
        const std::uint64_t projected =
            writer_.stats().events + events_.size() +
            static_cast<std::uint64_t>(layers) * kBackwardEventsPerLayer + kStepTailEvents +
            kTraceTailEvents;
        return projected >= options_.events;
    }

    int forward(HostThread& t) {
        int layers = 0;
        withModule(t, 100, "nn.Module: Transformer_", 0, "model.py(131): forward", [&] {
            idle(t);
            gradOp(t, {}, "aten::embedding", Grad::Embedding, nullptr, [&] {
                leaf(t, "aten::view");
                op(t, "aten::index_select", [&] { launch(t, kIndexSelect); });
            });
            do {
                transformerBlock(t, layers++);
            } while (layers < kLayers && !stepBudgetReached(layers));
            layerNorm(t, 2 * kLayers); // the final norm, numbered after all the blocks' norms
        });
        return layers;
    }

    void loss(HostThread& t) {
        idle(t);
        op(t, "aten::to", [&] {
            op(t, "aten::_to_copy", [&] {
                leaf(t, "aten::empty_strided");
                op(t, "aten::copy_", [&] { launch(t, kCopy); });
            });
        });
        idle(t);
        op(t, "aten::cross_entropy_loss", [&] {
            gradOp(t, "aten::log_softmax", "aten::_log_softmax", Grad::LogSoftmax, nullptr,
                   [&] { launch(t, kLogSoftmax); });
            op(t, "aten::nll_loss_nd", [&] {
                gradOp(t, "aten::nll_loss", "aten::nll_loss_forward", Grad::NllLoss, nullptr,
                       [&] { launch(t, kNllLoss); });
            });
        });
    }

    // ---- backward pass

    void backwardKernels(HostThread& t, const BackwardItem& item) {
        switch (item.grad) {
        case Grad::Embedding:
            op(t, "aten::embedding_backward", [&] {
                op(t, "aten::embedding_dense_backward", [&] {
                    op(t, "aten::zeros",
                       [&] { op(t, "aten::zero_", [&] { memset(t, 98304 * 1024); }); });
                    launch(t, kEmbeddingBackward);
                });
            });
            break;
        case Grad::LayerNorm:
            op(t, "aten::native_layer_norm_backward", [&] {
                launch(t, kLayerNormGradInput);
                launch(t, kLayerNormGammaBeta);
            });
            break;
        case Grad::Addmm:
            leaf(t, "aten::t");
            op(t, "aten::mm", [&] { launch(t, *item.gemm); });
            leaf(t, "aten::t");
            op(t, "aten::mm", [&] { launch(t, *item.gemm); });
            op(t, "aten::sum", [&] { launch(t, kReduceSum); });
            break;
        case Grad::Bmm:
            leaf(t, "aten::transpose");
            op(t, "aten::bmm", [&] { launch(t, *item.gemm); });
            leaf(t, "aten::transpose");
            op(t, "aten::bmm", [&] { launch(t, *item.gemm); });
            break;
        case Grad::Mul:
            op(t, "aten::mul", [&] { launch(t, kMul); });
            break;
        case Grad::Softmax:
            op(t, "aten::_softmax_backward_data", [&] { launch(t, kSoftmaxBackward); });
            break;
        case Grad::Add:
            break; // AddBackward0 only forwards the gradient
        case Grad::Gelu:
            op(t, "aten::gelu_backward", [&] { launch(t, kGeluBackward); });
            break;
        case Grad::LogSoftmax:
            op(t, "aten::_log_softmax_backward_data", [&] { launch(t, kLogSoftmaxBackward); });
            break;
        case Grad::NllLoss:
            op(t, "aten::nll_loss_backward", [&] { launch(t, kNllLossBackward); });
            break;
        }
    }

    void accumulateGrad(HostThread& t) {
        op(t, "autograd::engine::evaluate_function: torch::autograd::AccumulateGrad",
           [&] { op(t, "torch::autograd::AccumulateGrad", [&] { leaf(t, "aten::detach"); }); });
    }

    void evaluate(HostThread& t, const BackwardItem& item) {
        const GradSpec& spec = gradSpec(item.grad);
        const OpTags tags{item.sequence, 1, false};
        t.clock += rng_.between(us(1), us(6)); // engine scheduling
        op(t, spec.evaluate, tags, [&] {
            op(t, spec.node, tags, [&] {
                events_.push_back(
                    Flow{FlowKind::FwdBwd, false, false, t.tid, openTs(t), item.flowId});
                backwardKernels(t, item);
                maybeFree(t);
            });
        });
        for (int i = 0; i < spec.parameters; ++i) {
            accumulateGrad(t);
        }
    }

    // DDP-style gradient all-reduce of one layer on a communication stream, once the compute
    // stream has produced the gradients.
    void allReduce(HostThread& t, int layer) {
        const int stream = options_.gpuStreams > 1 ? 1 + layer % (options_.gpuStreams - 1) : 0;
        Stream& s = streams_[static_cast<std::size_t>(stream)];
        s.busyUntil = std::max(s.busyUntil, streams_[0].busyUntil);
        annotation(t, "nccl:all_reduce", [&] {
            op(t, "record_param_comms", [&] { launch(t, kNcclAllReduce, stream); });
        });
    }

    void runBackward(HostThread& t) {
        for (auto it = backward_.rbegin(); it != backward_.rend(); ++it) {
            evaluate(t, *it);
            const auto next = std::next(it);
            if (it->layer >= 0 && (next == backward_.rend() || next->layer != it->layer)) {
                allReduce(t, it->layer);
            }
        }
        backward_.clear();
    }

    void backward(HostThread& m) {
        HostThread& b = backwardThread();
        idle(m);
        pyFrame(m, "torch/_tensor.py(626): backward", [&] {
            pyFrame(m, "torch/autograd/__init__.py(347): backward", [&] {
                pyFrame(m, "torch/autograd/graph.py(823): _engine_run_backward", [&] {
                    b.clock = std::max(b.clock, m.clock + rng_.between(us(8), us(25)));
                    runBackward(b);
                    m.clock = std::max(m.clock, b.clock + rng_.between(us(3), us(12)));
                });
            });
        });
    }

    // ---- rest of the step

    void optimizerStep(HostThread& t, int layers) {
        struct Foreach {
            std::string_view name;
            const KernelSpec* kernel;
        };
        static constexpr std::array<Foreach, 7> kAdamW{{
            {"aten::_foreach_lerp_", &kForeachBinary},
            {"aten::_foreach_mul_", &kForeachBinary},
            {"aten::_foreach_addcmul_", &kForeachPointwise},
            {"aten::_foreach_sqrt", &kForeachBinary},
            {"aten::_foreach_div_", &kForeachBinary},
            {"aten::_foreach_add_", &kForeachBinary},
            {"aten::_foreach_addcdiv_", &kForeachPointwise},
        }};
        idle(t);
        pyFrame(t, "torch/optim/optimizer.py(485): wrapper", [&] {
            gpuAnnotation(t, "Optimizer.step#AdamW.step", -1, [&] {
                joinStreams();
                for (const Foreach& f : kAdamW) {
                    idle(t);
                    op(t, f.name, [&] {
                        for (int chunk = 0; chunk <= layers / 4; ++chunk) {
                            launch(t, *f.kernel);
                        }
                    });
                }
            });
        });
    }

    void logLoss(HostThread& t) {
        idle(t);
        op(t, "aten::item", [&] {
            op(t, "aten::_local_scalar_dense", [&] {
                copy(t, "Memcpy DtoH (Device -> Pageable)", 4, 4);
                streamSync(t);
            });
        });
    }

    // DataLoader pin-memory threads: CPU-only work overlapping the main thread.
    void pinMemory(std::int64_t stepStart) {
        for (std::size_t i = 2; i < threads_.size(); ++i) {
            HostThread& t = threads_[i];
            t.clock = std::max(t.clock, stepStart + rng_.between(us(20), us(300)));
            op(t, "aten::pin_memory", [&] {
                op(t, "aten::_pin_memory", [&] {
                    leaf(t, "aten::empty_strided");
                    leaf(t, "aten::copy_", us(20), us(120));
                });
            });
        }
    }

    void step() {
        HostThread& t = mainThread();
        t.clock += rng_.between(us(30), us(200));
        if (rng_.chance(2)) {
            t.clock += rng_.between(us(1000), us(5000)); // checkpoint or logging between steps
        }
        const std::int64_t stepStart = t.clock;
        stepBusy_ = 0;
        pinMemory(stepStart);
        gpuAnnotation(t, "ProfilerStep#", stepNumber_++, [&] {
            pyFrame(t, "train.py(61): train_step", [&] {
                loadBatch(t);
                const int layers = forward(t);
                loss(t);
                backward(t);
                optimizerStep(t, layers);
                logLoss(t);
            });
        });
        const std::int64_t stepDur = std::max<std::int64_t>(t.clock - stepStart, 1);
        const std::int64_t basisPoints = std::min<std::int64_t>(stepBusy_ * 10000 / stepDur, 10000);
        events_.push_back(Counter{stepStart, static_cast<double>(basisPoints) / 10000.0});
    }

    static constexpr std::uint64_t kBaselineBytes = std::uint64_t{3} << 30; // weights + optimizer

    SyntheticTraceOptions options_;
    Rng rng_;
    std::int64_t pid_;
    std::int64_t origin_;
    JsonSink sink_;
    TraceWriter writer_;
    std::vector<HostThread> threads_;
    std::vector<Stream> streams_;
    std::vector<Event> events_; // the current step
    std::vector<BackwardItem> backward_;
    std::vector<GpuSpan> spans_;
    std::uint64_t externalId_ = 0;
    std::uint64_t evIdx_ = 0;
    std::uint64_t correlation_ = 0;
    std::uint64_t sequence_ = 0;
    std::uint64_t fwdbwdFlow_ = 0;
    std::uint64_t pythonId_ = 0;
    std::uint64_t pythonRoot_ = 0;
    std::int64_t stepNumber_ = 0;
    std::int64_t stepBusy_ = 0;
    std::uint64_t allocated_ = kBaselineBytes;
    std::uint64_t reserved_ = kBaselineBytes;
    int layer_ = -1;
};

} // namespace

SyntheticTraceStats writeSyntheticKinetoTrace(std::ostream& out,
                                              const SyntheticTraceOptions& options) {
    if (options.gpuStreams < 1 || options.gpuStreams > kMaxThreadsOrStreams ||
        options.hostThreads < 1 || options.hostThreads > kMaxThreadsOrStreams) {
        throw std::invalid_argument("gpuStreams and hostThreads must be in 1..64");
    }
    return Generator(out, options).run();
}

} // namespace lanescope::bench
