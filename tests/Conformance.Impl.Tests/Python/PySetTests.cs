using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using Multiprocessing.Python;
using NUnit.Framework;

namespace Conformance.Impl.Tests.Python;

/// <summary>
/// The C# set model against CPython 3.11: hash() of ints, floats and tuples, and the iteration order (the repr) of
/// sets built from lists of them. The rows were generated once by running python3 (3.11.7) over fixed values and
/// 25 random lists of ints (random.seed(3)), printing hash(v) and repr(set(values)); never edit a row by hand.
/// </summary>
public sealed class PySetTests
{
    private static readonly object[][] Hashes =
    [
        new object[] { 0L, 0L },
        new object[] { 1L, 1L },
        new object[] { -1L, -2L },
        new object[] { -2L, -2L },
        new object[] { 2305843009213693951L, 0L },
        new object[] { 2305843009213693952L, 1L },
        new object[] { BigInteger.Parse("18446744073709551621"), 13L },
        new object[] { BigInteger.Parse("-1180591620717411303424"), -512L },
        new object[] { true, 1L },
        new object[] { false, 0L },
        new object[] { double.Parse("1.5", CultureInfo.InvariantCulture), 1152921504606846977L },
        new object[] { double.Parse("-0.5", CultureInfo.InvariantCulture), -1152921504606846976L },
        new object[] { double.Parse("0.1", CultureInfo.InvariantCulture), 230584300921369408L },
        new object[] { double.Parse("1e+300", CultureInfo.InvariantCulture), 1224995262755759164L },
        new object[] { double.Parse("5e-324", CultureInfo.InvariantCulture), 16777216L },
        new object[] { double.PositiveInfinity, 314159L },
        new object[] { double.NegativeInfinity, -314159L },
        new object[] { double.Parse("2.0", CultureInfo.InvariantCulture), 2L },
        new object[] { double.Parse("-0.0", CultureInfo.InvariantCulture), 0L },
        new object[] { new PyTuple(new object?[] {  }), 5740354900026072187L },
        new object[] { new PyTuple(new object?[] { 1L, 2L }), -3550055125485641917L },
        new object[] { new PyTuple(new object?[] { 1L, new PyTuple(new object?[] { 2L, double.Parse("3.5", CultureInfo.InvariantCulture) }) }), -9148893311433065316L },
        new object[] { new PyTuple(new object?[] { true, -1L }), -6779188579744246035L },    ];

    private static readonly object[][] Sets =
    [
        new object[] { new object?[] { 3L, 1L, 2L }, "{1, 2, 3}" },
        new object[] { new object?[] { 10L, 2L, 8L, 33L, 1L }, "{33, 2, 1, 8, 10}" },
        new object[] { new object?[] { -1L, -2L, 0L, 5L }, "{0, 5, -1, -2}" },
        new object[] { new object?[] { 20L, 19L, 18L, 17L, 16L, 15L, 14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L }, "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}" },
        new object[] { new object?[] { 100L, 7L, 1000L, 64L, 9L, 2L, 15L, 16L, 31L }, "{64, 2, 100, 7, 1000, 9, 15, 16, 31}" },
        new object[] { new object?[] { double.Parse("1.5", CultureInfo.InvariantCulture), double.Parse("2.0", CultureInfo.InvariantCulture), double.Parse("0.25", CultureInfo.InvariantCulture), true }, "{0.25, 1.5, 2.0, True}" },
        new object[] { new object?[] { new PyTuple(new object?[] { 1L, 2L }), new PyTuple(new object?[] { 2L, 1L }), new PyTuple(new object?[] {  }) }, "{(1, 2), (2, 1), ()}" },
        new object[] { new object?[] { 5L, 13L, 21L, 3L }, "{3, 13, 21, 5}" },
        new object[] { new object?[] { 8L, 16L, 24L, 32L, 40L, 48L, 56L, 64L, 72L }, "{32, 64, 8, 40, 72, 16, 48, 24, 56}" },
        new object[] { new object?[] { 1099511627776L, 3L, 8589934593L }, "{1099511627776, 8589934593, 3}" },
        new object[] { new object?[] { 83L, 328L, 435L, 17L, -37L, 430L, 215L, 189L, 146L, 431L, 437L, 356L, 104L, 187L, 105L }, "{356, 328, 104, 105, 187, 430, 431, 17, 146, 83, 435, 437, 215, -37, 189}" },
        new object[] { new object?[] { 349L, -35L, 15L, 113L, -7L, 258L, -19L, 225L, 434L, 346L, 387L, 354L, 405L, 87L, 324L, 49L, -14L, 89L, 456L, 172L, 214L, 396L, 258L, 381L, 469L, 345L, 309L, 496L, 367L, 187L, 294L, -21L, 236L }, "{258, 387, 396, 15, 405, 294, 172, 49, 434, 309, 187, 324, 456, 469, 214, 87, 89, 346, 345, 349, -35, 225, 354, -21, 236, -19, 367, 496, 113, -14, -7, 381}" },
        new object[] { new object?[] { 117L, 284L, 56L, 166L, 223L, 241L, 77L, 14L, 443L, 445L, 40L, 302L, 18L, 370L, 104L, -30L, 250L, 387L, 375L, 71L, -5L, -4L, 336L, 288L, 235L, 467L, 191L, -14L, 267L, -43L, 28L, 60L, 498L, -18L, 152L, 367L, 248L, 219L }, "{387, 267, 14, 18, 152, 284, 28, 288, 166, 40, 302, 56, 443, 60, 445, 191, 71, 77, 336, 467, -43, 219, 223, -30, 104, 235, -18, 367, 241, 370, -14, 498, 117, 375, 248, 250, -5, -4}" },
        new object[] { new object?[] { -7L, 297L, 271L, 318L, 91L, 336L, 335L, 421L, 482L }, "{482, 421, 297, 271, 336, 335, -7, 91, 318}" },
        new object[] { new object?[] { 55L, 469L, 227L, 391L, 193L, 258L, 397L, 214L, 483L, 260L, 297L, -39L, 375L, 272L, -30L, 335L, 86L, 11L, 290L, 427L, 311L, 311L, 235L, 451L }, "{258, 260, 391, 11, 397, 272, 290, 297, 427, 55, 311, 193, 451, 335, 469, 214, 86, -39, -30, 227, 483, 235, 375}" },
        new object[] { new object?[] { 12L }, "{12}" },
        new object[] { new object?[] { 328L }, "{328}" },
        new object[] { new object?[] { 417L, 255L, 277L, 131L, 322L, 139L, 270L, 328L, 220L, 257L, 336L, 57L, -23L, 84L, 267L, 462L }, "{417, 322, 131, 257, 328, -23, 139, 267, 270, 462, 336, 84, 277, 57, 220, 255}" },
        new object[] { new object?[] { 225L, 194L, 285L, 141L, 395L, 49L, 54L, 279L, 291L, 179L, 398L, 123L, 31L, 294L }, "{225, 194, 291, 294, 395, 141, 398, 49, 179, 54, 279, 123, 285, 31}" },
        new object[] { new object?[] { 411L, 227L, 180L, 73L, -16L, 492L, 145L, 272L, 137L, 235L, 298L, 37L, 303L }, "{227, 37, 73, 137, 235, 492, 298, 303, -16, 145, 272, 180, 411}" },
        new object[] { new object?[] { 82L, 381L, 248L, 480L, 227L, 425L, 304L, 376L, 247L, 379L, 369L, -14L, 373L, 109L, 154L, -46L, 438L, 472L, 394L, 177L, -17L, 417L, 481L, 245L, 299L, 182L, 19L, 243L, 72L, 200L, -4L, -15L, 474L, 153L, 390L, 0L, -37L }, "{0, 390, 394, 19, 153, 154, 417, 425, 299, 304, 177, 438, 182, 72, 200, 82, -46, 472, 474, -37, 480, 248, 481, 227, 109, -17, 369, -14, 243, -15, 373, 245, 247, 376, 379, -4, 381}" },
        new object[] { new object?[] { 73L, 125L, 465L, 257L, 194L, -30L, 487L, 499L, 373L, 4L, 66L, 299L, 78L, 208L, 438L, 12L, 310L, 176L, 152L, 75L, 497L, 72L, 125L, 195L, 230L, 81L, -43L, 449L, 359L, 1L }, "{257, 1, 4, 12, 152, 299, 176, 438, 310, 449, 194, 66, 195, 72, 73, 75, 78, 208, 465, 81, -43, -30, 230, 487, 359, 497, 499, 373, 125}" },
        new object[] { new object?[] { 204L, 225L, 489L, 482L, 383L, 2L, 434L, 280L, -49L, 6L, 79L, -3L, 77L, 1L, 20L, 444L, -17L }, "{225, 482, 2, 1, 6, 489, 204, 77, -49, 79, -17, 434, 20, 280, 444, -3, 383}" },
        new object[] { new object?[] { 477L, 464L, 451L, 273L, 110L }, "{451, 110, 464, 273, 477}" },
        new object[] { new object?[] { 23L, 309L, 345L, 348L, 261L, 319L, 221L, 145L, 286L, 388L, 76L, 80L, -47L, 339L, 31L, 132L, -7L, 332L, 421L, 339L }, "{388, 261, 132, 145, 23, 286, 31, 421, 309, 319, 76, 332, 80, -47, 339, 345, 348, 221, -7}" },
        new object[] { new object?[] { -6L, 391L, 4L, 331L, 458L, 272L, 380L, 378L, 421L, -32L, 200L, 173L, 498L, 226L, 23L, 385L, 179L, 386L, 83L, -22L, 283L, 333L, 218L, 74L, 425L, 76L, 492L, 335L, 61L, 276L, 494L, 55L, -45L, 434L, 96L, 191L, 348L, -5L, 489L, 44L }, "{385, 386, 4, 391, 272, 276, 23, 283, 421, 425, 44, 173, 434, 179, 55, 61, 191, 200, 458, 331, 74, 333, 76, 335, 83, -45, 218, 348, -32, 96, 226, -6, 489, -22, 492, 494, 498, 378, -5, 380}" },
        new object[] { new object?[] { 51L, 334L, 133L, -26L, 299L, 74L, -24L, 67L, 443L, 241L, 256L, 40L, -13L, 473L, 491L, 194L, 59L, 52L, 12L, 282L, 134L, 29L, 197L, 134L, 205L, 415L, 353L, 208L, 326L, 356L, 308L, 378L, 35L, 334L, 462L, 190L }, "{256, 133, 134, 12, 282, 29, 415, 35, 40, 299, 51, 52, 308, 59, 443, 190, 194, 67, 197, 326, 74, 205, 334, 462, 208, 473, 353, 356, -26, -24, 491, 241, -13, 378}" },
        new object[] { new object?[] { 114L, 375L, 479L, 445L, 109L, 360L, 102L, 116L, 48L, 459L, 445L, 479L, 403L, 140L, 89L, 223L, 153L, 100L, 477L, 272L, 187L, 500L, 252L, 373L, 223L, 172L }, "{140, 272, 403, 153, 172, 48, 187, 445, 459, 89, 477, 223, 479, 100, 102, 360, 109, 114, 116, 500, 373, 375, 252}" },
        new object[] { new object?[] { -27L, 224L, 440L, 341L, 155L, 126L, 319L, 194L, 279L, 444L, 97L, 378L, 441L, 160L, 429L, -22L, 442L, 24L, 359L }, "{279, 24, 155, 160, 429, 440, 441, 442, 444, 319, 194, 341, 224, 97, -27, 359, -22, 378, 126}" },
        new object[] { new object?[] { 428L, 185L }, "{185, 428}" },
        new object[] { new object?[] { 20L, 172L, 210L, 197L, 144L, 214L, 90L, 141L, -13L, 211L, 123L, -4L, 270L, 137L, 383L }, "{197, 137, 172, 141, 270, 144, 210, -13, 20, 211, 214, 90, 123, -4, 383}" },
        new object[] { new object?[] { 37L, 70L, 44L, 220L, 248L }, "{37, 70, 44, 248, 220}" },
        new object[] { new object?[] { 315L, 413L }, "{315, 413}" },
        new object[] { new object?[] { 294L, -43L, -20L, 292L, 289L, 396L, 338L, 447L, 29L, 165L, 451L, 350L, 78L, 276L, 72L, 231L, 28L, 392L, 65L, 398L, 490L, 206L, 49L, 490L, 333L, 327L, 411L, 252L, 221L, 59L, 296L, 499L, 488L, 66L, 455L, 470L, 310L }, "{392, 396, 398, 276, 411, 28, 29, 289, 292, 165, 294, 296, 49, 310, 59, 447, 65, 66, 451, 327, 72, 455, 333, 78, 206, 338, -43, 470, 221, 350, 231, 488, 490, -20, 499, 252}" },
        new object[] { new object?[] { 251L, 136L, 103L }, "{136, 251, 103}" },    ];

    [TestCaseSource(nameof(Hashes))]
    public void Hash_is_cpythons(object value, long expected) => Assert.That(PyHash.Of(value), Is.EqualTo(expected));

    private static IEnumerable<TestCaseData> SetCases() => Sets.Select(row => new TestCaseData(row[0], row[1]));

    [TestCaseSource(nameof(SetCases))]
    public void Iteration_order_is_cpythons(object?[] items, string expected) =>
        Assert.That(PySet.From(items.ToList(), items).PyRepr(), Is.EqualTo(expected));

    [Test]
    public void A_set_of_a_set_or_a_dict_keeps_cpythons_order()
    {
        var inner = PySet.From(null, new object?[] { 40L, 8L, 16L });
        var d = new PyDict { [5L] = "a", [3L] = "b", [9L] = "c" };
        Assert.Multiple(() =>
        {
            // python3 -c "print(set(set([40, 8, 16])), set({5: 'a', 3: 'b', 9: 'c'}))"
            Assert.That(PySet.From(inner, inner.Items()).PyRepr(), Is.EqualTo("{40, 8, 16}"));
            Assert.That(PySet.From(d, d.Keys).PyRepr(), Is.EqualTo("{9, 3, 5}"));
        });
    }

    [Test]
    public void Strings_have_no_modelled_hash_and_keep_insertion_order()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PyHash.Of("a"), Is.Null);
            Assert.That(PyHash.Of(new PyTuple(new object?[] { 1L, "a" })), Is.Null);
            Assert.That(PySet.From(null, new object?[] { "b", "a", "b" }).PyRepr(), Is.EqualTo("{'b', 'a'}"));
        });
    }
}
