using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Engraver.Service.Api;
using Engraver.Service.Tests.Support;
using Xunit;

namespace Engraver.Service.Tests.Api;

/// <summary>Every refusal of the API is problem JSON with a title, a detail and the status, including the ones
/// the framework answers (no route, wrong method, unreadable body, wrong content type, body too large, foreign
/// Host header).</summary>
public class ApiErrorAnswerTests(ApiServiceFixture service) : IClassFixture<ApiServiceFixture>
{
    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), body);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), body);
        return problem;
    }

    [Fact]
    public async Task A_route_that_does_not_exist_is_404_problem_json()
    {
        using var response = await service.Client(ApiServiceFixture.OperatorKey).GetAsync("/api/no-such-route");

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("/api/no-such-route", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_method_a_route_does_not_take_is_405_problem_json()
    {
        using var response = await service.Client(ApiServiceFixture.OperatorKey).GetAsync("/api/station/home");

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("GET", "/api/no-such-route", "text/html", HttpStatusCode.NotFound)]
    [InlineData("GET", "/no-such-page", "application/xml", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/station/home", "text/html", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", "/api/jobs", "text/plain", HttpStatusCode.MethodNotAllowed)]
    public async Task A_refusal_is_problem_json_naming_the_path_whatever_the_client_accepts(string method, string path, string accept, HttpStatusCode status)
    {
        using var client = service.Client(ApiServiceFixture.OperatorKey);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.ParseAdd(accept);

        using var response = await client.SendAsync(request);

        var problem = await AssertProblemAsync(response, status);
        Assert.Contains(path, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_route_that_does_not_exist_is_404_problem_json_without_a_key_too()
    {
        using var client = service.Client(null);

        using var response = await client.GetAsync("/api/no-such-route");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_problem_json()
    {
        using var response = await service.Client(ApiServiceFixture.SupervisorKey)
            .PostAsync("/api/pins/P0001/resolve", new StringContent("outcome=Verified", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Json_that_cannot_be_read_is_400_problem_json()
    {
        using var response = await service.Client(ApiServiceFixture.SupervisorKey)
            .PostAsync("/api/pins/P0001/resolve", new StringContent("{\"outcome\":", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_chunked_job_body_over_the_limit_is_413_problem_json_and_nothing_is_queued()
    {
        var before = (await service.Records.Jobs.ListAsync(CancellationToken.None)).Count;
        using var content = new StreamContent(new UnsizedStream(Engraver.Core.Input.InputLimits.MaxJobFileBytes + 1024 * 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs?name=huge.csv") { Content = content };
        using var client = service.Client(ApiServiceFixture.OperatorKey);

        using var response = await client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, (await service.Records.Jobs.ListAsync(CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/api/whoami")]
    public async Task A_host_header_the_api_is_not_served_under_is_400_problem_json(string path)
    {
        using var client = service.Client(ApiServiceFixture.OperatorKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "rebound.example.com";

        using var response = await client.SendAsync(request);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("rebound.example.com", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_loopback_names_are_served()
    {
        using var client = service.Client(ApiServiceFixture.OperatorKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/whoami");
        request.Headers.Host = $"localhost:{service.BaseAddress.Port}";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A body of CSV lines with no length known in advance, so HttpClient sends it chunked.</summary>
    private sealed class UnsizedStream(long length) : Stream
    {
        private static readonly byte[] Line = Encoding.ASCII.GetBytes("serial\nP0001\n");
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = Line[(_position + i) % Line.Length];
            }

            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
