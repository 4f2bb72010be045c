// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Lanescope authors
#pragma once

#include <cstdint>
#include <string_view>

namespace lanescope::analysis {

// What a slice does, as far as its name tells. Used to colour slices by kind (a copy looks like a
// copy whatever its name) while the name still picks the shade.
enum class SliceKind : std::uint8_t {
    Compute,       // device compute: kernels, AI Core tasks, the Overlap "Computing" lane
    Copy,          // memcpy / memset / DMA, on the host API or the device
    Communication, // collectives and their tasks: NCCL, HCCL, c10d, the Overlap comm lanes
    Sync,          // waits and signals: synchronize calls, event record/wait/query, notifies
    Idle,          // explicitly idle time: the Overlap Analysis "Free" lane
    Other,         // everything else, host ops (aten::add, python frames) included
};

// Classifies a slice by its name alone (ASCII case-insensitive). The rules, first match wins:
//
//  1. Overlap Analysis lanes (Ascend), exact names: "Computing" -> Compute; "Communication" and
//     "Communication(Not Overlapped)" -> Communication; "Free" -> Idle. ("cudaFree", "aclrtFree"
//     are memory management: Other.)
//  2. Python stack frames are host code and named after Python functions ("<built-in method copy
//     of dict object at …>", "threading.py(306): wait", "nn.Module: BertLayer_0"): Other.
//  3. Communication when the name has one of the words nccl, rccl, hccl, hcom, gloo, rdma, or
//     contains c10d::, all_reduce / allreduce, all_gather / allgather, reduce_scatter /
//     reducescatter, all_to_all / alltoall / all2all, param_comms, reduce_inline or
//     communication. Checked before copy and sync because collectives copy and wait too:
//     ncclKernel_SendRecv_…, nccl:all_reduce, c10d::allreduce_, record_param_comms,
//     AscendCL@hcom_allReduce_, hcom_allReduce__586_0_1, HcclAllreduce, Hccl@Launch_Ffts,
//     HCCL Reduce_Inline, All2All_Pooled_Wait. ("RebatchCommon::…" is not hcom, and "comm" alone
//     is not a match: aclnnMm_MatMulCommon_MatMulV2 is a matmul.)
//  4. Copy when the name contains memcpy, memcopy, memset or copy (cudaMemcpyAsync, Memcpy HtoD
//     (Pinned -> Device), Memset (Device), cudaMemsetAsync, AscendCL@aclrtMemcpy, MEMCPY_ASYNC,
//     Runtime@MemCopySync, acl_memcpy_host_to_device, Conv2DBackpropFilter6_MemSet, aten::copy_,
//     aten::_to_copy, aclnnInplaceCopy, copy_device_to_device kernels), or has one of the words
//     dma, sdma, htod, dtoh, dtod (SDMA, PCIE_DMA_SQE, MTIA dma_request). "shallow_copy"
//     (aten::_has_compatible_shallow_copy_type) copies nothing and is skipped.
//  5. Sync when the name contains synchroniz(e), waitevent, eventwait, waitonevent, eventrecord,
//     recordevent, eventquery, queryevent or "write value" (cudaStreamSynchronize,
//     cudaDeviceSynchronize, cudaEventSynchronize, AscendCL@aclrtSynchronizeStream,
//     cudaStreamWaitEvent, aclrtStreamWaitEvent, cudaEventRecord, aclrtRecordEvent, cudaEventQuery,
//     aclrtQueryEventStatus, MTIA waitOnEvent; "Write Value" is the notify write on the HCCL
//     stream); or has the word sync or wait (Runtime@StreamSyncTaskFinish, the Kineto "Stream
//     Sync" / "Context Sync" lanes, EVENT_WAIT, Notify_Wait, "Notify Wait", Dequeue@wait_event);
//     or the word event or notify with record or query (EVENT_RECORD, Notify_Record,
//     record_event). "async" is not "sync" (MEMCPY_ASYNC, fbgemm::asynchronous_complete_cumsum)
//     and "Awaitable" is not "wait". Creating or destroying events (aclrtCreateEventExWithFlag,
//     destroy_event) is Other.
//  6. Compute only for names that clearly are device compute: demangled kernel signatures
//     ("void at::native::…"), names with kernel unless they are a launch call (cudaLaunchKernel,
//     Runtime@KernelLaunch are Other), GPU library kernel prefixes (volta_, ampere_, turing_,
//     hopper_, sm<NN>_, cudnn_, cutlass_, triton_, Cijk_; not the host autograd node
//     CudnnBatchNormBackward0), Ascend device tasks (…AiCore…, …AiCpu…,
//     aclnn<Api>_<Kernel>_<Op> such as aclnnInplaceRelu_Relu_Relu, trans_TransData_N).
//  7. Other: host operators (aten::add, AscendCL@aclnnAdd, autograd nodes), runtime calls that
//     are none of the above, user annotations, and device tasks a name cannot place (Conv2D1).
//
// "Word" means a run starting at the beginning of the name, after a non-letter, or at a
// lower-to-upper case change (camelCase), so "StreamSync" has the word sync and "Async" has not.
// Words are used only where a plain substring would misfire; the substrings that decide the
// common names (memcpy, copy, synchroniz, waitevent, allreduce, …) work in any letter case.
SliceKind classifySliceName(std::string_view name);

// Whether a kernel name or op type is a format conversion (compare.md §8 R8, msprof's "Vector
// (Trans)"): a word of it, trailing digits dropped, is TransData, Cast, Transpose or TransposeD in
// any letter case, words being split at non-alphanumerics: TransData,
// aclnnAddmm_TransData_TransData, trans_Cast_7, Cast3, TransposeD. "BroadcastTo" and "CastleNet"
// are not conversions.
bool isFormatConversion(std::string_view nameOrType);

// "compute", "copy", "communication", "sync", "idle", "other".
std::string_view sliceKindName(SliceKind kind);

} // namespace lanescope::analysis
