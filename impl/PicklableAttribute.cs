using System;

namespace Multiprocessing;

/// <summary>Marks a user type as safe to send to other processes (CPython: any picklable class; here opt-in).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum, Inherited = false)]
public sealed class PicklableAttribute : Attribute
{
}
