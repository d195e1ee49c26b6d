using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Conformance.Harness.Scenarios;

/// <summary>
/// A plain Python value as a trace records it (a repr, read back by <see cref="PyLiteral"/>): what the
/// <c>linearizable</c> invariant's sequential models hold and compare. Immutable; <see cref="Equals(object?)"/> is
/// equality of reprs (an int 1 is not a float 1.0 nor True, a dict's order counts), and <see cref="Key"/> gives
/// Python's dict-key identity (1, 1.0 and True are one key).
/// </summary>
public abstract class PyValue : IEquatable<PyValue>
{
    private int _hash;
    private int _weight;

    /// <summary>None.</summary>
    public static readonly PyValue None = new NoneValue();

    /// <summary>True.</summary>
    public static readonly PyValue True = new BoolValue(true);

    /// <summary>False.</summary>
    public static readonly PyValue False = new BoolValue(false);

    /// <summary>An int.</summary>
    public static PyValue Int(BigInteger value) => new IntValue(value);

    /// <summary>A bool.</summary>
    public static PyValue Bool(bool value) => value ? True : False;

    /// <summary>The value as Python's repr writes it (for messages; comparisons never go through text).</summary>
    public abstract string Repr();

    /// <summary>The value as a dict key compares: bools and integral floats are ints, tuples compare item by item so.</summary>
    public virtual PyValue Key() => this;

    /// <inheritdoc />
    public override string ToString() => Repr();

    /// <inheritdoc />
    public bool Equals(PyValue? other) =>
        ReferenceEquals(this, other) || (other is not null && other.GetType() == GetType() && other.GetHashCode() == GetHashCode() && Same(other));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PyValue v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Computed once: a model's state is hashed at every step of the search.
        if (_hash == 0)
            _hash = Hash() | 1;
        return _hash;
    }

    /// <summary>How many values this one holds, itself included (an opaque text counts a value per 8 characters): what memoising it costs.</summary>
    public int Weight
    {
        get
        {
            if (_weight == 0)
                _weight = 1 + Contents();
            return _weight;
        }
    }

    /// <summary>The weight of what the value holds.</summary>
    protected virtual int Contents() => 0;

    /// <summary>Equality with a value of the same type.</summary>
    protected abstract bool Same(PyValue other);

    /// <summary>The hash of the value.</summary>
    protected abstract int Hash();

    /// <summary>None.</summary>
    public sealed class NoneValue : PyValue
    {
        internal NoneValue()
        {
        }

        /// <inheritdoc />
        public override string Repr() => "None";

        /// <inheritdoc />
        protected override bool Same(PyValue other) => true;

        /// <inheritdoc />
        protected override int Hash() => 17;
    }

    /// <summary>True or False.</summary>
    public sealed class BoolValue(bool value) : PyValue
    {
        /// <summary>The value.</summary>
        public bool Value { get; } = value;

        /// <inheritdoc />
        public override string Repr() => Value ? "True" : "False";

        /// <inheritdoc />
        public override PyValue Key() => Int(Value ? 1 : 0);

        /// <inheritdoc />
        protected override bool Same(PyValue other) => ((BoolValue)other).Value == Value;

        /// <inheritdoc />
        protected override int Hash() => Value ? 3 : 5;
    }

    /// <summary>An int of any size.</summary>
    public sealed class IntValue(BigInteger value) : PyValue
    {
        /// <summary>The value.</summary>
        public BigInteger Value { get; } = value;

        /// <inheritdoc />
        public override string Repr() => Value.ToString(CultureInfo.InvariantCulture);

        /// <inheritdoc />
        protected override int Contents() => (int)Math.Min(Value.GetByteCount() / 8, int.MaxValue);

        /// <inheritdoc />
        protected override bool Same(PyValue other) => ((IntValue)other).Value == Value;

        /// <inheritdoc />
        protected override int Hash() => Value.GetHashCode();
    }

    /// <summary>A float.</summary>
    public sealed class FloatValue(double value) : PyValue
    {
        /// <summary>The value.</summary>
        public double Value { get; } = value;

        /// <inheritdoc />
        public override string Repr()
        {
            if (double.IsNaN(Value))
                return "nan";
            if (double.IsInfinity(Value))
                return Value > 0 ? "inf" : "-inf";
            var r = Value.ToString("R", CultureInfo.InvariantCulture);
            return r.Contains('.') || r.Contains('E') ? r.Replace("E+", "e+").Replace("E-", "e-") : r + ".0";
        }

        /// <inheritdoc />
        public override PyValue Key() =>
            double.IsFinite(Value) && Value == Math.Floor(Value) ? Int(new BigInteger(Value)) : this;

        /// <inheritdoc />
        protected override bool Same(PyValue other) =>
            BitConverter.DoubleToInt64Bits(((FloatValue)other).Value) == BitConverter.DoubleToInt64Bits(Value) || (double.IsNaN(Value) && double.IsNaN(((FloatValue)other).Value));

        /// <inheritdoc />
        protected override int Hash() => double.IsNaN(Value) ? 7 : Value.GetHashCode();
    }

    /// <summary>A str.</summary>
    public sealed class StrValue(string value) : PyValue
    {
        /// <summary>The value.</summary>
        public string Value { get; } = value;

        /// <inheritdoc />
        public override string Repr()
        {
            // Python's choice of quotes: single, unless the text has a single quote and no double one.
            var quote = Value.Contains('\'') && !Value.Contains('"') ? '"' : '\'';
            var s = new StringBuilder().Append(quote);
            foreach (var c in Value)
            {
                s.Append(c switch
                {
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ when c == quote => "\\" + c,
                    _ when c < ' ' || c == '\x7f' => $"\\x{(int)c:x2}",
                    _ => c.ToString(),
                });
            }
            return s.Append(quote).ToString();
        }

        /// <inheritdoc />
        protected override int Contents() => Value.Length / 8;

        /// <inheritdoc />
        protected override bool Same(PyValue other) => string.Equals(((StrValue)other).Value, Value, StringComparison.Ordinal);

        /// <inheritdoc />
        protected override int Hash() => StringComparer.Ordinal.GetHashCode(Value);
    }

    /// <summary>A tuple or a list.</summary>
    public sealed class SequenceValue(ImmutableArray<PyValue> items, bool isTuple) : PyValue
    {
        /// <summary>The items.</summary>
        public ImmutableArray<PyValue> Items { get; } = items;

        /// <summary>A tuple (else a list).</summary>
        public bool IsTuple { get; } = isTuple;

        /// <inheritdoc />
        public override string Repr() => IsTuple
            ? Items.Length == 1 ? $"({Items[0].Repr()},)" : $"({string.Join(", ", Items.Select(i => i.Repr()))})"
            : $"[{string.Join(", ", Items.Select(i => i.Repr()))}]";

        /// <inheritdoc />
        protected override int Contents() => Items.Sum(i => i.Weight);

        /// <inheritdoc />
        public override PyValue Key() => IsTuple ? new SequenceValue([.. Items.Select(i => i.Key())], true) : this;

        /// <inheritdoc />
        protected override bool Same(PyValue other)
        {
            var o = (SequenceValue)other;
            return o.IsTuple == IsTuple && o.Items.SequenceEqual(Items);
        }

        /// <inheritdoc />
        protected override int Hash()
        {
            var h = new HashCode();
            h.Add(IsTuple);
            foreach (var i in Items)
                h.Add(i);
            return h.ToHashCode();
        }
    }

    /// <summary>A dict, in insertion order.</summary>
    public sealed class DictValue(ImmutableArray<KeyValuePair<PyValue, PyValue>> entries) : PyValue
    {
        /// <summary>The empty dict.</summary>
        public static readonly DictValue Empty = new([]);

        /// <summary>The entries, in insertion order.</summary>
        public ImmutableArray<KeyValuePair<PyValue, PyValue>> Entries { get; } = entries;

        /// <summary>The position of <paramref name="key"/> (Python's key equality), or -1.</summary>
        public int Find(PyValue key)
        {
            var k = key.Key();
            for (var i = 0; i < Entries.Length; i++)
            {
                if (Entries[i].Key.Key().Equals(k))
                    return i;
            }
            return -1;
        }

        /// <summary>The dict with <paramref name="key"/> set: an existing key keeps its place (and its first spelling).</summary>
        public DictValue With(PyValue key, PyValue value)
        {
            var i = Find(key);
            return new(i < 0 ? Entries.Add(new(key, value)) : Entries.SetItem(i, new(Entries[i].Key, value)));
        }

        /// <summary>The dict of <paramref name="key"/>'s entry alone, or the empty dict (a model's state projected on one key).</summary>
        public DictValue Only(PyValue key) => Find(key) is var i and >= 0 ? new([Entries[i]]) : Empty;

        /// <summary>The dict without the entry at <paramref name="index"/>.</summary>
        public DictValue Without(int index) => new(Entries.RemoveAt(index));

        /// <inheritdoc />
        protected override int Contents() => Entries.Sum(e => e.Key.Weight + e.Value.Weight);

        /// <inheritdoc />
        public override string Repr() => $"{{{string.Join(", ", Entries.Select(e => $"{e.Key.Repr()}: {e.Value.Repr()}"))}}}";

        /// <inheritdoc />
        protected override bool Same(PyValue other)
        {
            var o = (DictValue)other;
            return o.Entries.Length == Entries.Length && o.Entries.Zip(Entries).All(p => p.First.Key.Equals(p.Second.Key) && p.First.Value.Equals(p.Second.Value));
        }

        /// <inheritdoc />
        protected override int Hash()
        {
            var h = new HashCode();
            foreach (var e in Entries)
            {
                h.Add(e.Key);
                h.Add(e.Value);
            }
            return h.ToHashCode();
        }
    }

    /// <summary>Text that is not a plain-data repr (a user object, a set, bytes, a recursive list): compared as text.</summary>
    public sealed class OpaqueValue(string text) : PyValue
    {
        /// <summary>The repr as recorded.</summary>
        public string Text { get; } = text;

        /// <inheritdoc />
        public override string Repr() => Text;

        /// <inheritdoc />
        protected override int Contents() => Text.Length / 8;

        /// <inheritdoc />
        protected override bool Same(PyValue other) => string.Equals(((OpaqueValue)other).Text, Text, StringComparison.Ordinal);

        /// <inheritdoc />
        protected override int Hash() => StringComparer.Ordinal.GetHashCode(Text);
    }
}
