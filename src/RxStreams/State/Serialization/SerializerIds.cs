namespace RxStreams.State;

/// <summary>How composite serializers name the formats they are made of.</summary>
internal static class SerializerIds
{
    /// <summary>The id of <paramref name="serializer"/>, with <c>@version</c> when it is not 1, so a composite's id changes when a part's format does.</summary>
    public static string Part<T>(IStateSerializer<T> serializer) =>
        serializer.Version == 1 ? serializer.Id : serializer.Id + "@" + serializer.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>name&lt;a,b,…&gt;</c>.</summary>
    public static string Compose(string name, params string[] parts) => name + "<" + string.Join(",", parts) + ">";
}
