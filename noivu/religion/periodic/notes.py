"""What a periodic report says of its own layout and sources (ghi chú cuối báo cáo)."""

from django.utils.translation import gettext_lazy as _

LAYOUT_BASIS = _(
    "Thể thức văn bản theo Nghị định 30/2020/NĐ-CP về công tác văn thư (Phụ lục I, mẫu báo cáo); kỳ báo cáo "
    "tháng, quý, năm theo Nghị định 09/2019/NĐ-CP về chế độ báo cáo của cơ quan hành chính nhà nước."
)
UNVERIFIED = _(
    "Đề cương nội dung và các biểu số liệu theo cách trình bày thường dùng của ngành (tình hình chung, "
    "thủ tục hành chính, vụ việc, dự báo và kiến nghị); chưa đối chiếu được với biểu mẫu chính thức của "
    "cơ quan quản lý nhà nước về tín ngưỡng, tôn giáo ở trung ương. Số liệu tính theo tháng dương lịch, "
    "chưa áp dụng ngày chốt số liệu riêng (từ ngày 15 tháng trước) nếu cơ quan nhận báo cáo yêu cầu."
)
LEGACY = _(
    "Vụ việc báo cáo trước 01/07/2025 theo xã cũ được cộng vào xã, phường hiện hành kế thừa địa bàn theo "
    "danh mục sắp xếp đơn vị hành chính năm 2025 (xã cũ bị chia tách: tính vào xã nhận trụ sở)."
)
FORECAST = _(
    "Dự báo: mô hình tuyến tính tổng quát cho số đếm (Poisson, xu hướng và mùa vụ, hiệu chỉnh phân tán quá "
    "mức) trên 36 tháng gần nhất; khoảng tin cậy 95 %."
)
