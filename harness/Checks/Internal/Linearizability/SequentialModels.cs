namespace Conformance.Harness.Checks.Internal.Linearizability;

/// <summary>The models a <c>linearizable</c> invariant can name (language.json's <c>linearizable_models</c>).</summary>
internal static class SequentialModels
{
    public static readonly IReadOnlyDictionary<string, ISequentialModel> All =
        new ISequentialModel[] { new DictModel(), new ListModel(), new NamespaceModel(), new RegisterModel() }
            .ToDictionary(m => m.Name, StringComparer.Ordinal);
}
