using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using Multiprocessing.Internal;

namespace Multiprocessing;

/// <summary>The parts of <see cref="Process"/> that cross into the spawned child.</summary>
public partial class Process
{
    internal void WriteSpawnState(PickleWriter w)
    {
        var t = GetType();
        w.WriteTypeName(t);
        w.WriteString(_name);
        w.WriteString(_className ?? t.Name);
        w.WriteValue(_identity);
        w.WriteBool(_daemon);
        w.WriteInt(Environment.ProcessId);
        w.WriteString(Mp.CurrentProcess()._name);
        w.WriteValue(_authkey);
        if (_target is null)
        {
            w.WriteBool(false);
        }
        else
        {
            if (_target.GetInvocationList().Length != 1)
                throw new PicklingError($"Can't pickle target of {_name}: multicast delegates cannot be sent to a child");
            var m = _target.Method;
            var decl = m.DeclaringType ?? throw new PicklingError($"Can't pickle {m.Name}: it has no declaring type");
            if (m.IsGenericMethod)
                throw new PicklingError($"Can't pickle {decl.Name}.{m.Name}: generic target methods are not supported; wrap it in a non-generic static method");
            var singleton = false;
            if (_target.Target is not null)
            {
                var field = decl.GetField("<>9", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
                singleton = field is not null && ReferenceEquals(field.GetValue(null), _target.Target);
                if (!singleton)
                    throw new PicklingError(
                        $"Can't pickle {decl.Name}.{m.Name} as the target of {_name}: it captures {_target.Target.GetType().Name}; " +
                        "use a static method or a lambda that captures nothing, and pass data through args");
            }
            w.WriteBool(true);
            w.WriteTypeName(decl);
            w.WriteInt(m.MetadataToken);
            w.WriteBool(singleton);
        }
        w.WriteValue(_args);
        w.WriteValue(_kwargs);
        w.WriteFields(this, t, stopAt: typeof(Process));
    }

    internal static Process ReadSpawnState(PickleReader r)
    {
        var t = r.ReadTypeName();
        if (!typeof(Process).IsAssignableFrom(t)) throw new PicklingError($"{t.FullName} is not a Process subclass");
        var p = (Process)RuntimeHelpers.GetUninitializedObject(t);
        p._gate = new object();
        p._name = r.ReadString();
        p._className = r.ReadString();
        p._identity = (int[])r.ReadValue()!;
        p._daemon = r.ReadBool();
        p._parentPid = r.ReadInt();
        p._parentName = r.ReadString();
        p._authkey = (byte[])r.ReadValue()!;
        p._pidfd = -1;
        if (r.ReadBool())
        {
            var decl = r.ReadTypeName();
            var token = r.ReadInt();
            var singleton = r.ReadBool();
            p._method = (MethodInfo?)decl.Module.ResolveMethod(token)
                ?? throw new PicklingError($"cannot find target method {token:x} in {decl.FullName}");
            if (singleton)
                p._methodTarget = decl.GetField("<>9", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(null);
        }
        p._args = (object?[])r.ReadValue()!;
        p._kwargs = (System.Collections.Generic.Dictionary<string, object?>?)r.ReadValue();
        r.ReadFields(p, t, stopAt: typeof(Process));
        p._creatorPid = Environment.ProcessId;
        p._pid = Environment.ProcessId;
        p._started = true;
        p._isCurrent = true;
        return p;
    }
}
