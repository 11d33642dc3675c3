import type { PageTextKey } from './en.js';

/** Vietnamese text of the payer pages: the same keys as en.ts, the same {placeholders}. */
export const vi: Record<PageTextKey, string> = {
  'common.amount': 'Số tiền',
  'common.back': 'Quay lại',

  'link.title': 'Liên kết nạp tiền',
  'link.missing': 'Liên kết nạp tiền này không tồn tại. Hãy yêu cầu một liên kết mới.',
  'link.used': 'Liên kết nạp tiền này đã được sử dụng. Hãy yêu cầu một liên kết mới.',
  'link.expired': 'Liên kết nạp tiền này đã hết hạn. Hãy yêu cầu một liên kết mới.',
  'link.heading': 'Nạp tiền vào ví của bạn',
  'link.alreadyOpen':
    'Một khoản thanh toán từ liên kết này đang mở. Liên kết này chỉ thanh toán một lần: hãy tiếp tục khoản thanh toán đó.',
  'link.continue': 'Tiếp tục thanh toán',
  'link.amountRange': 'Số tiền ({currency}, từ {min} đến {max})',
  'link.methods': 'Phương thức thanh toán',
  'link.noMethods': 'Hiện không có phương thức thanh toán nào.',
  'link.testMode': '{method} (CHẾ ĐỘ THỬ NGHIỆM — không dùng tiền thật)',
  'link.crypto.btc': 'Bitcoin (BTC)',
  'link.crypto.eth': 'Ether (ETH)',
  'link.crypto.usdtTron': 'USDT trên Tron (TRC-20)',
  'link.badAmount': 'Nhập số tiền dưới dạng số, ví dụ 100 hoặc 100.50.',
  'link.notStarted': 'Không thể bắt đầu lần nạp tiền này.',
  'link.qrTitle': 'Thanh toán bằng mã QR',
  'link.qrHeading': 'Quét mã để thanh toán',
  'link.qrLabel': 'Mã QR thanh toán',
  'link.qrNote': 'Trang này không tự cập nhật; khoản thanh toán sẽ được ghi có khi tiền về.',
  'link.field.amount': 'Số tiền',
  'link.field.asset': 'Loại tiền',
  'link.field.network': 'Mạng',
  'link.field.address': 'Địa chỉ',
  'link.field.accountNumber': 'Số tài khoản',
  'link.field.accountName': 'Tên tài khoản',
  'link.field.memo': 'Nội dung chuyển khoản',
  'link.field.expiresAt': 'Hết hạn lúc',
  'link.startedTitle': 'Nạp tiền',
  'link.started': 'Khoản thanh toán của bạn đã bắt đầu.',
  'link.paymentNotStarted': 'Không thể bắt đầu khoản thanh toán.',

  'error.topUpLimit': 'Hãy nhập số tiền từ {min} đến {max}.',
  'error.topUpLimitUnknown': 'Số tiền này nằm ngoài mức người bán chấp nhận. Hãy thử số tiền khác.',
  'error.methodUnavailable':
    'Phương thức thanh toán này hiện không khả dụng. Hãy quay lại và chọn phương thức khác.',
  'error.walletClosed': 'Ví này đã đóng và không nhận nạp tiền. Hãy liên hệ người bán.',
  'error.walletOnHold': 'Ví này đang bị tạm giữ. Hãy liên hệ người bán trước khi thanh toán.',
  'error.gatewayUnavailable':
    'Không thể kết nối tới nhà cung cấp thanh toán. Bạn chưa bị trừ tiền; hãy thử lại sau vài phút.',
  'error.rateLimited': 'Bạn đã thử quá nhiều lần. Hãy đợi một phút rồi thử lại.',
  'error.linkClosed': 'Liên kết nạp tiền này không còn thanh toán được. Hãy yêu cầu một liên kết mới.',
  'error.notFound': 'Khoản thanh toán này không còn tồn tại. Hãy yêu cầu người bán gửi liên kết mới.',
  'error.validation': 'Một số thông tin đã nhập không hợp lệ. Hãy quay lại và kiểm tra biểu mẫu.',
  'error.fixedAmount':
    'Liên kết này dành cho một số tiền cố định. Hãy quay lại và thanh toán đúng số tiền đó.',
  'error.asset': 'Hãy chọn một trong các loại tiền điện tử được cung cấp.',

  'sandbox.title': 'Thanh toán thử (sandbox)',
  'sandbox.notFoundTitle': 'Không tìm thấy',
  'sandbox.notFound': 'Không có phiên thanh toán này',
  'sandbox.bannerLabel': 'Chế độ thử nghiệm',
  'sandbox.bannerTitle': 'CHẾ ĐỘ THỬ NGHIỆM — không dùng tiền thật',
  'sandbox.bannerText':
    'Đây là cổng thanh toán thử nghiệm (sandbox): không thẻ nào bị trừ tiền và không có tiền thật nào được chuyển. Ví được ghi có tại đây chỉ chứa tiền thử nghiệm.',
  'sandbox.refused':
    'Không thể dùng phiên thanh toán thử này: chế độ thử nghiệm đã tắt với người bán này, hoặc cổng thử nghiệm sandbox bị cấm trên máy chủ này. Không có khoản tiền nào bị trừ.',
  'sandbox.outcome.pending': 'Đang chờ bạn thanh toán.',
  'sandbox.outcome.processing':
    'Khoản thanh toán của bạn đang được xử lý. Người bán sẽ được báo khi hoàn tất.',
  'sandbox.outcome.paid':
    'Đã nhận thanh toán. Cảm ơn bạn! Ví của bạn được ghi có ngay khi người bán xác nhận.',
  'sandbox.outcome.failed': 'Thẻ của bạn bị từ chối. Không có khoản tiền nào bị trừ.',
  'sandbox.outcome.cancelled': 'Bạn đã hủy khoản thanh toán này. Không có khoản tiền nào bị trừ.',
  'sandbox.outcome.expired': 'Phiên thanh toán này đã hết hạn. Không có khoản tiền nào bị trừ.',
  'sandbox.return': 'Quay lại Reseller Console',
  'sandbox.testCard': 'Thẻ thử nghiệm',
  'sandbox.cardNumber': 'Số thẻ',
  'sandbox.cardHelp': 'Số thẻ bất kỳ đều thanh toán được; số kết thúc bằng 0002 sẽ bị từ chối.',
  'sandbox.pay': 'Thanh toán',
  'sandbox.payLater': 'Thanh toán sau (đang xử lý, rồi hoàn tất)',
  'sandbox.decline': 'Từ chối',
  'sandbox.cancel': 'Hủy',
  'sandbox.complete': 'Hoàn tất xử lý',
  'sandbox.movedOn': 'Phiên thanh toán này đã chuyển sang trạng thái khác.',
  'sandbox.badCard': 'Nhập số thẻ gồm 12 đến 19 chữ số.',
  'sandbox.notAccepted': 'Người bán không chấp nhận thông báo (HTTP {status}).',
  'sandbox.notNotified':
    'Không thể báo cho người bán; người bán sẽ biết khi kiểm tra lại khoản thanh toán này.',
};
