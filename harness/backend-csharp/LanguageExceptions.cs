using System;
using System.Collections.Generic;
using System.Linq;
using Conformance.Backend.CSharp.Internal;

namespace Conformance.Backend.CSharp;

/// <summary>
/// The exception types of the scenario language: the definition's (harness/Language/language.json). Their hierarchy
/// is CPython's, modelled by impl's <see cref="PyErrors"/>; a test holds the definition's bases and impl's to agree.
/// </summary>
public static class LanguageExceptions
{
    /// <summary>The exception types scenarios may name in <c>except</c> and <c>raise</c>.</summary>
    public static readonly IReadOnlySet<string> Known = LanguageFile.ExceptionBases().Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>The definition's bases of each type (<c>exceptions.types.T.bases</c>).</summary>
    public static IReadOnlyDictionary<string, string[]> Bases => LanguageFile.ExceptionBases();
}
