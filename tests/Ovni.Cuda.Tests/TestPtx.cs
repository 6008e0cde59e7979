// Small PTX texts for module tests, written for these tests: one declaring the add_one kernel the
// test kernels library implements, one whose entry the host library does not have, and broken ones.
using System.Text;

namespace Ovni.Cuda.Tests;

internal static class TestPtx
{
    public static readonly byte[] AddOne = System.Text.Encoding.UTF8.GetBytes("""
        .version 7.0
        .target sm_52
        .address_size 64

        .visible .entry add_one(
            .param .u64 add_one_param_0,
            .param .u32 add_one_param_1,
            .param .u32 add_one_param_2,
            .param .u32 add_one_param_3
        )
        {
            ret;
        }
        """);

    public static readonly byte[] NotInHostLibrary = System.Text.Encoding.UTF8.GetBytes("""
        .version 7.0
        .target sm_52
        .address_size 64

        .visible .entry missing_on_host(
            .param .u64 missing_on_host_param_0
        )
        {
            ret;
        }
        """);

    public static readonly byte[] Garbage = System.Text.Encoding.UTF8.GetBytes("this is certainly not PTX; int main() { return 0; }");

    public static readonly byte[] NoEntries = System.Text.Encoding.UTF8.GetBytes("""
        .version 7.0
        .target sm_52
        .address_size 64
        .visible .func helper()
        {
            ret;
        }
        """);
}
