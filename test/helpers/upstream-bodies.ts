/** Bodies shaped as upstream writes them (CONTRACT.md §4.5): nulls explicit, .NET date-times. */

export const AT = '2026-08-18T10:00:00.1234567+00:00';

export const recipientEntry = {
  recipient: '0192:986252932',
  currentRecipientFileTransferStatusCode: 'Initialized',
  currentRecipientFileTransferStatusText: 'Initialized',
  currentRecipientFileTransferStatusChanged: AT,
};

/** A file transfer overview, Initialized, with one recipient. */
export function upstreamOverview(fileTransferId: string, propertyList: Record<string, string> = {}) {
  return {
    fileTransferId,
    resourceId: 'my-broker-resource',
    fileName: 'report.xml',
    sendersFileTransferReference: 'ref-1',
    checksum: null,
    useVirusScan: true,
    fileTransferSize: 0,
    fileTransferStatus: 'Initialized',
    fileTransferStatusText: 'Ready for upload',
    fileTransferStatusChanged: AT,
    created: AT,
    expirationTime: AT,
    sender: '0192:991825827',
    recipients: [recipientEntry],
    propertyList,
    published: null,
  };
}

/** 404 BRO-00001 as upstream writes it (CONTRACT.md §2.1): ProblemDetails with `code` and `traceId`. */
export const notFound = {
  type: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
  title: 'Not Found',
  status: 404,
  detail: 'The requested file transfer was not found',
  code: 'BRO-00001',
  traceId: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  statusDescription: 'Not Found',
};
