package io.invitations.local.client;

import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A stack's outputs, from CloudFormation's DescribeStacks: one SigV4-signed query request, made with the SDK's
 * own signer and HTTP client (the CloudFormation service module is not among the project's SDK modules).
 */
public final class StackOutputs {
    private StackOutputs() {
    }

    /** The outputs of {@code stackName}; {@code endpoint} null for CloudFormation's regional endpoint. */
    public static Map<String, String> describe(Region region, AwsCredentialsProvider credentials, String stackName,
                                               URI endpoint) {
        URI target = endpoint != null ? endpoint : URI.create("https://cloudformation." + region.id() + ".amazonaws.com");
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(target)
                .encodedPath("/")
                .putRawQueryParameter("Action", "DescribeStacks")
                .putRawQueryParameter("Version", "2010-05-15")
                .putRawQueryParameter("StackName", stackName)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveIdentity().join())
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudformation")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request()).build()).call();
            Document document;
            try (InputStream body = response.responseBody().orElseThrow()) {
                document = parse(body);
            }
            if (!response.httpResponse().isSuccessful()) {
                throw new IllegalArgumentException("cannot read the stack " + stackName + ": "
                        + text(document.getDocumentElement(), "Message"));
            }
            Map<String, String> outputs = new HashMap<>();
            NodeList keys = document.getElementsByTagName("OutputKey");
            for (int i = 0; i < keys.getLength(); i++) {
                Element output = (Element) keys.item(i).getParentNode();
                outputs.put(keys.item(i).getTextContent(), text(output, "OutputValue"));
            }
            return outputs;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot reach CloudFormation at " + target + ": " + e.getMessage(), e);
        }
    }

    private static Document parse(InputStream body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(body);
        } catch (Exception e) {
            throw new IllegalStateException("CloudFormation's answer is not XML: " + e.getMessage(), e);
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }
}
